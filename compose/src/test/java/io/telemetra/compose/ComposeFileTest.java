package io.telemetra.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ComposeFileTest {

  /** ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?err}; "$${...}" is an escaped literal. */
  static final Pattern INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

  static ComposeProject compose;

  @BeforeAll
  static void load() throws Exception {
    compose = ComposeProject.load();
  }

  @Test
  void theComposeFileIsValidAgainstTheComposeSpecificationSchema() throws Exception {
    Path schemaFile =
        ComposeProject.repositoryRoot()
            .resolveSibling("shared")
            .resolve("third-party/compose-spec/compose-spec.json");
    assumeTrue(
        Files.isRegularFile(schemaFile),
        "Assumes the Compose specification schema at " + schemaFile + " (present in CI)");
    Set<ValidationMessage> errors = composeSpec(schemaFile).validate(compose.model);

    assertThat(errors).isEmpty();
  }

  @Test
  void theSchemaCheckRejectsAMisspelledServiceKey() throws Exception {
    Path schemaFile =
        ComposeProject.repositoryRoot()
            .resolveSibling("shared")
            .resolve("third-party/compose-spec/compose-spec.json");
    assumeTrue(Files.isRegularFile(schemaFile), "Assumes the Compose specification schema");
    JsonSchema schema = composeSpec(schemaFile);
    JsonNode broken = compose.model.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("services").get("kafka"))
        .put("healtcheck", "typo");

    assertThat(schema.validate(broken)).isNotEmpty();
  }

  @Test
  void everyBuildContextAndDockerfileExists() {
    List<String> builds = new ArrayList<>();
    services()
        .forEach(
            (name, service) -> {
              JsonNode build = service.get("build");
              if (build == null) {
                return;
              }
              Path context = compose.dir.resolve(build.path("context").asText(".")).normalize();
              Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
              builds.add(name);
              assertThat(context).as("build context of %s", name).isDirectory();
              assertThat(dockerfile).as("Dockerfile of %s", name).isRegularFile();
            });
    assertThat(builds).containsExactlyInAnyOrder("streaming", "api", "producer");
  }

  @Test
  void everyImageIsPinnedToAnExplicitTag() {
    services()
        .forEach(
            (name, service) -> {
              String image = service.path("image").asText("");
              assertThat(image).as("image of %s", name).isNotEmpty();
              String tag = image.substring(image.lastIndexOf(':') + 1);
              assertThat(image).as("image of %s has a tag", name).contains(":");
              assertThat(tag).as("tag of %s", name).isNotEqualTo("latest").doesNotContain("/");
            });
  }

  @Test
  void everyVariableTheFileReadsIsDocumentedInEnvExample() throws Exception {
    Set<String> used = usedVariables();
    Map<String, String> documented = compose.documentedVariables();

    assertThat(documented.keySet()).containsAll(used);
    for (String variable : used) {
      assertThat(compose.commentAbove(variable) + variable)
          .as("comment or section for %s", variable)
          .isNotBlank();
    }
  }

  @Test
  void envExampleDocumentsNothingTheFileDoesNotRead() throws Exception {
    assertThat(usedVariables()).containsAll(compose.documentedVariables().keySet());
  }

  @Test
  void theSeedsVariableNamesStillWork() throws Exception {
    assertThat(usedVariables())
        .contains(
            "PRODUCER_RATE_PER_SEC",
            "CHAT_WINDOW_DURATION_SECONDS",
            "CHAT_WINDOW_SLIDE_SECONDS",
            "ANOMALY_DETECTION_THRESHOLD",
            "KAFKA_LOG_RETENTION_HOURS",
            "POSTGRES_DB",
            "POSTGRES_USER",
            "POSTGRES_PASSWORD");
  }

  @Test
  void secretsReachContainersAsFilesNotAsEnvironmentValues() {
    services()
        .forEach(
            (name, service) -> {
              JsonNode environment = service.path("environment");
              for (Iterator<String> keys = environment.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (key.endsWith("PASSWORD") || key.endsWith("TOKEN")) {
                  throw new AssertionError(
                      name + " gets the secret " + key + " as a value; use " + key + "_FILE");
                }
              }
            });
    assertThat(compose.model.get("secrets").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("postgres_password", "api_auth_token", "pgadmin_password");
  }

  @Test
  void startupOrderWaitsOnHealthChecksAndOneShotSteps() {
    services()
        .forEach(
            (name, service) -> {
              JsonNode dependsOn = service.path("depends_on");
              for (Iterator<Map.Entry<String, JsonNode>> it = dependsOn.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> dependency = it.next();
                String condition = dependency.getValue().path("condition").asText();
                JsonNode target = compose.model.get("services").get(dependency.getKey());
                assertThat(target).as("%s depends on %s", name, dependency.getKey()).isNotNull();
                if (condition.equals("service_healthy")) {
                  assertThat(target.has("healthcheck"))
                      .as("%s waits for %s to be healthy", name, dependency.getKey())
                      .isTrue();
                } else {
                  assertThat(condition).isEqualTo("service_completed_successfully");
                  assertThat(target.has("restart"))
                      .as("one-shot %s", dependency.getKey())
                      .isFalse();
                }
              }
            });
    assertThat(services().get("streaming").get("depends_on").fieldNames())
        .toIterable()
        .contains("kafka-init", "schema-migration");
  }

  @Test
  void longRunningServicesHaveHealthChecksVolumesAndResourceLimits() {
    for (String name : List.of("kafka", "postgres", "redis", "streaming", "api")) {
      assertThat(services().get(name).has("healthcheck")).as("healthcheck of %s", name).isTrue();
    }
    services()
        .forEach(
            (name, service) ->
                assertThat(service.at("/deploy/resources/limits/memory").asText())
                    .as("memory limit of %s", name)
                    .isNotEmpty());
    assertThat(compose.model.get("volumes").fieldNames())
        .toIterable()
        .contains("kafka-data", "postgres-data", "redis-data", "streaming-checkpoints");
  }

  @Test
  void theWorkloadsGetOnlyVariablesOfTheSharedConfigurationContract() throws Exception {
    String contract =
        Files.readString(ComposeProject.repositoryRoot().resolve("docs/configuration.md"));
    for (String name : List.of("streaming", "api", "producer")) {
      services()
          .get(name)
          .path("environment")
          .fieldNames()
          .forEachRemaining(
              variable -> {
                if (variable.equals("JAVA_TOOL_OPTIONS")) {
                  return;
                }
                String documented = variable.replaceFirst("_FILE$", "");
                assertThat(contract)
                    .as("%s sets %s, documented in docs/configuration.md", name, variable)
                    .contains("`" + documented + "`");
              });
    }
  }

  @Test
  void kafkaRunsInKraftModeWithoutZookeeper() {
    JsonNode kafka = services().get("kafka").get("environment");
    assertThat(kafka.get("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    assertThat(services()).doesNotContainKey("zookeeper");
    services()
        .forEach(
            (name, service) ->
                assertThat(service.path("image").asText()).doesNotContainIgnoringCase("zookeeper"));
  }

  @Test
  void theMigrationStepAppliesTheSchemaModulesMigrations() throws Exception {
    String mount = services().get("schema-migration").get("volumes").get(0).asText();
    Path migrations = compose.dir.resolve(mount.substring(0, mount.indexOf(':'))).normalize();

    assertThat(migrations)
        .isEqualTo(
            ComposeProject.repositoryRoot()
                .resolve("workloads/schema/src/main/resources/db/migration"));
    assertThat(migrations.resolve("V1__core_tables.sql")).isRegularFile();
  }

  @Test
  void inspectionToolsOnlyStartWithTheFullProfile() {
    Set<String> profiled = new HashSet<>();
    services()
        .forEach(
            (name, service) -> {
              if (service.has("profiles")) {
                assertThat(service.get("profiles").toString()).isEqualTo("[\"full\"]");
                profiled.add(name);
              }
            });
    assertThat(profiled).containsExactlyInAnyOrder("kafka-ui", "pgadmin");
  }

  /** The schema, loaded from its file URI so its relative "$id" resolves. */
  private static JsonSchema composeSpec(Path schemaFile) throws Exception {
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
        .getSchema(schemaFile.toUri(), new ObjectMapper().readTree(schemaFile.toFile()));
  }

  private static Map<String, JsonNode> services() {
    Map<String, JsonNode> services = new java.util.LinkedHashMap<>();
    compose
        .model
        .get("services")
        .fields()
        .forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
    return services;
  }

  private static Set<String> usedVariables() {
    Set<String> used = new TreeSet<>();
    Matcher m = INTERPOLATION.matcher(compose.text);
    while (m.find()) {
      used.add(m.group(1));
    }
    compose.model.path("secrets").forEach(secret -> used.add(secret.path("environment").asText()));
    used.remove("");
    return used;
  }
}
