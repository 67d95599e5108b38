package io.telemetra.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.telemetra.operator.api.v1alpha1.DeletionPolicy;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.api.v1alpha1.TelemetraPipelineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesTest {

  static final Path EXAMPLES = RepoPaths.resolve("examples");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper STRICT_YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  static CrdSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    schema = CrdSchema.load();
  }

  static List<Path> pipelineExamples() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** The examples plus the Argo CD health-check testdata (which also carry a status). */
  static List<Path> pipelineManifests() throws IOException {
    List<Path> all = new ArrayList<>(pipelineExamples());
    try (Stream<Path> files = Files.list(ArgoCdHealthCheckTest.CHECK_DIR.resolve("testdata"))) {
      files.sorted().forEach(all::add);
    }
    return all;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelineManifests")
  void everyPipelineManifestIsValidAgainstTheCrdSchema(Path manifest) throws IOException {
    JsonNode resource = YAML.readTree(manifest.toFile());

    assertThat(schema.validate(resource)).as(manifest.toString()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelineManifests")
  void everyPipelineManifestParsesWithTheOperatorsModelWithoutUnknownFields(Path manifest)
      throws IOException {
    TelemetraPipeline pipeline = STRICT_YAML.readValue(manifest.toFile(), TelemetraPipeline.class);

    assertThat(pipeline.getKind()).isEqualTo("TelemetraPipeline");
    assertThat(pipeline.getSpec().getKafka().getBootstrapServers()).isNotBlank();
  }

  @Test
  void theSchemaCheckCatchesAMisspelledFieldAndAWrongType() throws IOException {
    ObjectNode typo = (ObjectNode) YAML.readTree(EXAMPLES.resolve("basic.yaml").toFile());
    ((ObjectNode) typo.at("/spec/kafka")).put("bootstrapServer", "kafka:9092");
    ObjectNode wrongType = (ObjectNode) YAML.readTree(EXAMPLES.resolve("basic.yaml").toFile());
    ((ObjectNode) wrongType.at("/spec/api")).put("replicas", "two");

    assertThat(schema.validate(typo))
        .extracting(Object::toString)
        .anyMatch(m -> m.contains("bootstrapServer"));
    assertThat(schema.validate(wrongType))
        .extracting(Object::toString)
        .anyMatch(m -> m.contains("replicas"));
  }

  @Test
  void thereIsOneExamplePerFeature() throws IOException {
    Map<String, TelemetraPipelineSpec> specs = new HashMap<>();
    for (Path example : pipelineExamples()) {
      specs.put(
          example.getFileName().toString(),
          STRICT_YAML.readValue(example.toFile(), TelemetraPipeline.class).getSpec());
    }

    assertThat(specs)
        .containsKeys(
            "basic.yaml",
            "production.yaml",
            "suspended.yaml",
            "deletion-policy-delete.yaml",
            "demo-producer.yaml");
    assertThat(specs.get("suspended.yaml").getSuspend()).isTrue();
    assertThat(specs.get("deletion-policy-delete.yaml").getDeletionPolicy())
        .isEqualTo(DeletionPolicy.Delete);
    assertThat(specs.get("basic.yaml").getDeletionPolicy()).isNotEqualTo(DeletionPolicy.Delete);
    assertThat(specs.get("demo-producer.yaml").getProducer().getEnabled()).isTrue();
    TelemetraPipelineSpec production = specs.get("production.yaml");
    assertThat(production.getKafka().getAuth().getSecretRef().getName()).isNotBlank();
    assertThat(production.getPostgres().getCredentialsSecretRef().getName()).isNotBlank();
    assertThat(production.getRedis().getPasswordSecretRef().getName()).isNotBlank();
    assertThat(production.getApi().getAuthTokenSecretRef().getName()).isNotBlank();
    assertThat(production.getApi().getReplicas()).isGreaterThan(1);
    assertThat(production.getApi().getResources()).isNotNull();
  }

  @Test
  void noPipelineExampleInlinesASecretValue() throws IOException {
    for (Path example : pipelineExamples()) {
      List<String> offending = new ArrayList<>();
      collectSecretLikeFields(YAML.readTree(example.toFile()), "", offending);
      assertThat(offending).as(example.toString()).isEmpty();
    }
  }

  @Test
  void devInfraIsAKustomizationOfEveryFileWithPinnedImagesAndMarkedThrowawaySecrets()
      throws IOException {
    Path devInfra = EXAMPLES.resolve("dev-infra");
    JsonNode kustomization = YAML.readTree(devInfra.resolve("kustomization.yaml").toFile());
    Set<String> listed = new TreeSet<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));
    Set<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.list(devInfra)) {
      files
          .map(f -> f.getFileName().toString())
          .filter(n -> !n.equals("kustomization.yaml"))
          .forEach(present::add);
    }
    assertThat(listed).isEqualTo(present);

    Set<String> kinds = new TreeSet<>();
    for (String file : listed) {
      for (JsonNode doc : RenderedChart.parse(Files.readString(devInfra.resolve(file)))) {
        kinds.add(doc.path("kind").asText());
        assertThat(doc.at("/metadata/namespace").asText(doc.at("/metadata/name").asText()))
            .isEqualTo("telemetra-dev");
        doc.at("/spec/template/spec/containers")
            .forEach(
                c -> {
                  String image = c.path("image").asText();
                  assertThat(image).contains(":").doesNotEndWith(":latest");
                  assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true))
                      .isFalse();
                });
        if (doc.path("kind").asText().equals("Secret")) {
          assertThat(doc.at("/metadata/labels/telemetra.io~1throwaway").asText())
              .as("Secret %s is marked throwaway", doc.at("/metadata/name").asText())
              .isEqualTo("true");
        }
      }
    }
    assertThat(kinds).contains("Namespace", "Secret", "Service", "StatefulSet", "Deployment");
    assertThat(Files.readString(devInfra.resolve("kafka.yaml")))
        .contains("apache/kafka:3.9.1", "broker,controller")
        .doesNotContain("ZOOKEEPER_CONNECT");
  }

  @Test
  void theDemoPipelineReferencesSecretsAndServicesThatDevInfraCreates() throws IOException {
    TelemetraPipelineSpec demo =
        STRICT_YAML
            .readValue(EXAMPLES.resolve("demo-producer.yaml").toFile(), TelemetraPipeline.class)
            .getSpec();
    Map<String, JsonNode> secrets = new HashMap<>();
    for (JsonNode doc :
        RenderedChart.parse(Files.readString(EXAMPLES.resolve("dev-infra/secrets.yaml")))) {
      secrets.put(doc.at("/metadata/name").asText(), doc.path("stringData"));
    }
    String postgresSecret = demo.getPostgres().getCredentialsSecretRef().getName();
    String apiSecret = demo.getApi().getAuthTokenSecretRef().getName();

    assertThat(secrets).containsKeys(postgresSecret, apiSecret);
    assertThat(secrets.get(postgresSecret).has("username")).isTrue();
    assertThat(secrets.get(postgresSecret).has("password")).isTrue();
    assertThat(secrets.get(apiSecret).has(demo.getApi().getAuthTokenSecretRef().getKey())).isTrue();
    assertThat(demo.getKafka().getBootstrapServers()).isEqualTo("kafka.telemetra-dev.svc:9092");
    assertThat(demo.getPostgres().getHost()).isEqualTo("postgres.telemetra-dev.svc");
  }

  @Test
  void theArgoCdApplicationsPointAtPathsThatExist() throws IOException {
    List<JsonNode> apps =
        RenderedChart.parse(Files.readString(EXAMPLES.resolve("argocd/application.yaml")));

    assertThat(apps).hasSize(2).allMatch(a -> a.path("kind").asText().equals("Application"));
    for (JsonNode app : apps) {
      Path path = RepoPaths.resolve(app.at("/spec/source/path").asText());
      assertThat(path).isDirectory();
      String include = app.at("/spec/source/directory/include").asText("");
      if (!include.isEmpty()) {
        assertThat(path.resolve(include)).isRegularFile();
      }
    }
    assertThat(apps.get(0).at("/spec/source/path").asText()).isEqualTo("charts/telemetra-operator");
  }

  private static void collectSecretLikeFields(JsonNode node, String path, List<String> offending) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                String name = field.getKey().toLowerCase();
                if ((name.equals("password") || name.equals("token") || name.equals("secret"))
                    && field.getValue().isTextual()) {
                  offending.add(path + "." + field.getKey());
                }
                collectSecretLikeFields(field.getValue(), path + "." + field.getKey(), offending);
              });
    } else if (node.isArray()) {
      node.forEach(item -> collectSecretLikeFields(item, path + "[]", offending));
    }
  }
}
