package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenFileTest {

  @TempDir Path dir;

  @Test
  void aTokenIsGeneratedOnceAndReusedOnTheNextRun() {
    Path file = dir.resolve("api-token");

    String first = ApiTokenFile.loadOrCreate(file, Optional.empty());
    String second = ApiTokenFile.loadOrCreate(file, Optional.empty());

    assertThat(first).hasSizeGreaterThanOrEqualTo(32).matches("[A-Za-z0-9_-]+");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void theTokenFileIsReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("api-token");

    ApiTokenFile.loadOrCreate(file, Optional.empty());

    assertThat(Files.getPosixFilePermissions(file))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void aGivenTokenReplacesTheStoredOne() throws Exception {
    Path file = dir.resolve("api-token");
    ApiTokenFile.loadOrCreate(file, Optional.empty());

    String token = ApiTokenFile.loadOrCreate(file, Optional.of("my-demo-token"));

    assertThat(token).isEqualTo("my-demo-token");
    assertThat(Files.readString(file)).isEqualTo("my-demo-token");
    assertThat(ApiTokenFile.loadOrCreate(file, Optional.empty())).isEqualTo("my-demo-token");
  }

  @Test
  void generatedTokensDiffer() {
    assertThat(ApiTokenFile.generate()).isNotEqualTo(ApiTokenFile.generate());
  }
}
