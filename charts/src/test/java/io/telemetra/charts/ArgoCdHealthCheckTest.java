package io.telemetra.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgoCdHealthCheckTest {

  static final Path CHECK_DIR =
      RepoPaths.resolve("charts/argocd/resource_customizations/telemetra.io/TelemetraPipeline");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static Stream<Arguments> healthTestCases() throws Exception {
    JsonNode tests = YAML.readTree(CHECK_DIR.resolve("health_test.yaml").toFile()).get("tests");
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode test : tests) {
      cases.add(
          Arguments.of(
              test.get("inputPath").asText(),
              test.get("healthStatus").get("status").asText(),
              test.get("healthStatus").path("message").asText("")));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} is {1}")
  @MethodSource("healthTestCases")
  void healthLuaReturnsTheStatusAndMessageHealthTestYamlExpects(
      String inputPath, String expectedStatus, String expectedMessage) throws Exception {
    JsonNode resource = YAML.readTree(CHECK_DIR.resolve(inputPath).toFile());

    LuaHealthCheck.HealthStatus health =
        LuaHealthCheck.load(CHECK_DIR.resolve("health.lua")).evaluate(resource);

    assertThat(health.status()).isEqualTo(expectedStatus);
    assertThat(health.message()).isEqualTo(expectedMessage);
  }

  @Test
  void everyTestdataFileIsCoveredByHealthTestYaml() throws Exception {
    Set<String> covered =
        healthTestCases().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
    try (Stream<Path> files = Files.list(CHECK_DIR.resolve("testdata"))) {
      Set<String> present =
          files.map(f -> "testdata/" + f.getFileName()).collect(Collectors.toSet());
      assertThat(covered).isEqualTo(present);
    }
  }

  @Test
  void theTestdataExercisesEveryHealthStatusAndAStaleGeneration() throws Exception {
    Set<String> statuses =
        healthTestCases().map(a -> (String) a.get()[1]).collect(Collectors.toSet());
    assertThat(statuses).contains("Healthy", "Progressing", "Degraded", "Suspended");
    assertThat(healthTestCases().map(a -> (String) a.get()[0]))
        .anyMatch(path -> path.contains("stale"));
  }

  @Test
  void aPipelineWithAnUnknownPhaseAndNoConditionsIsProgressingNotHealthy() throws Exception {
    JsonNode resource =
        YAML.readTree(
            "metadata: {generation: 1}\nstatus: {observedGeneration: 1, phase: SomethingNew}\n");

    LuaHealthCheck.HealthStatus health =
        LuaHealthCheck.load(CHECK_DIR.resolve("health.lua")).evaluate(resource);

    assertThat(health.status()).isEqualTo("Progressing");
  }

  @Test
  void theArgoCdConfigMapSnippetCarriesExactlyTheTestedScript() throws Exception {
    JsonNode configMap =
        YAML.readTree(
            RepoPaths.resolve("examples/argocd/argocd-cm-telemetra-health.yaml").toFile());

    String embedded =
        configMap
            .path("data")
            .path("resource.customizations.health.telemetra.io_TelemetraPipeline")
            .asText();

    assertThat(embedded).isEqualTo(Files.readString(CHECK_DIR.resolve("health.lua")));
  }
}
