package io.telemetra.operator.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest directly in examples/ is a TelemetraPipeline with no unknown or missing field. */
class ExamplesTest {

  static final Path EXAMPLES = Path.of("../../examples");

  static List<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      List<Path> yaml =
          files
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
      assertThat(yaml).as("examples/*.yaml").isNotEmpty();
      return yaml;
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void exampleParsesAsATelemetraPipelineWithEveryRequiredField(Path example) throws IOException {
    ObjectMapper strict =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    TelemetraPipeline pipeline = strict.readValue(example.toFile(), TelemetraPipeline.class);

    assertThat(pipeline.getApiVersion()).isEqualTo("telemetra.io/v1alpha1");
    assertThat(pipeline.getKind()).isEqualTo("TelemetraPipeline");
    assertThat(pipeline.getMetadata().getName()).isNotBlank();
    TelemetraPipelineSpec spec = pipeline.getSpec();
    assertThat(spec.getKafka().getBootstrapServers()).isNotBlank();
    assertThat(spec.getPostgres().getHost()).isNotBlank();
    assertThat(spec.getPostgres().getCredentialsSecretRef().getName()).isNotBlank();
    assertThat(spec.getStreaming().getImage()).isNotBlank();
    assertThat(spec.getStreaming().getCheckpointLocation()).isNotBlank();
    assertThat(spec.getStreaming().getWindowSeconds() % spec.getStreaming().getSlideSeconds())
        .as("slide divides window")
        .isZero();
    assertThat(spec.getApi().getImage()).isNotBlank();
    assertThat(spec.getApi().getAuthTokenSecretRef().getKey()).isNotBlank();
  }
}
