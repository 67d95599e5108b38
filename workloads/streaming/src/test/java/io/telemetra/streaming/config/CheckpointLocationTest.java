package io.telemetra.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointLocationTest {

  @ParameterizedTest
  @CsvSource({
    "s3a://telemetra-checkpoints/prod/pipeline-a, s3a://telemetra-checkpoints/prod/pipeline-a/ingest",
    "s3a://telemetra-checkpoints/, s3a://telemetra-checkpoints/ingest",
    "s3a://telemetra-checkpoints, s3a://telemetra-checkpoints/ingest",
    "hdfs://namenode:8020/telemetra/cp, hdfs://namenode:8020/telemetra/cp/ingest",
    "file:///var/lib/telemetra/checkpoints, file:/var/lib/telemetra/checkpoints/ingest",
    "file:/var/lib/telemetra/checkpoints/, file:/var/lib/telemetra/checkpoints/ingest",
    "/var/lib/telemetra/checkpoints, /var/lib/telemetra/checkpoints/ingest",
  })
  void aUriKeepsItsSchemeAndAuthorityAndAnAbsolutePathStaysAsItIs(
      String location, String expected) {
    assertThat(CheckpointLocation.of(location, "ingest")).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"./target/checkpoints, target/checkpoints", "checkpoints, checkpoints"})
  void aRelativePlainPathIsResolvedAgainstTheWorkingDirectory(String location, String relative) {
    assertThat(CheckpointLocation.of(location, "windows"))
        .isEqualTo(Path.of("").toAbsolutePath().resolve(relative).resolve("windows").toString());
  }
}
