package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildJvmTest {

  @Test
  void theCommandSetsThePartsEnvironmentAndRemovesInheritedOverrides() {
    ChildJvm api =
        ChildJvm.named("api")
            .jvmArgs(List.of("-Xmx768m"))
            .executableJar(Path.of("/x/telemetra-api.jar"))
            .env("API_PORT", "8080")
            .env("API_AUTH_TOKEN_FILE", "/data/api-token")
            .unset("API_AUTH_TOKEN", "POSTGRES_URL");

    List<String> command = api.command();

    assertThat(command.get(0)).isEqualTo("env");
    assertThat(command).containsSubsequence("-u", "API_AUTH_TOKEN");
    assertThat(command).containsSubsequence("-u", "POSTGRES_URL");
    assertThat(command).contains("API_PORT=8080", "API_AUTH_TOKEN_FILE=/data/api-token");
    assertThat(command).containsSubsequence("-Xmx768m", "-jar", "/x/telemetra-api.jar");
    assertThat(command.indexOf("-Xmx768m")).isGreaterThan(command.indexOf("API_PORT=8080"));
  }

  @Test
  void aVariableSetAfterBeingRemovedIsSetNotRemoved() {
    ChildJvm job =
        ChildJvm.named("job")
            .classpathMain("/a.jar", "Main")
            .unset("REDIS_HOST")
            .env("REDIS_HOST", "127.0.0.1");

    assertThat(job.removedVariables()).doesNotContain("REDIS_HOST");
    assertThat(job.command()).contains("REDIS_HOST=127.0.0.1").doesNotContain("-u");
  }

  @Test
  void theSparkOptionsFromTheParentPomReachTheRunner() {
    assertThat(PartClasspaths.javaOpens())
        .contains("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED")
        .allMatch(s -> !s.isBlank());
  }
}
