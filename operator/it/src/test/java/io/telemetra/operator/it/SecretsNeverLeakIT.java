package io.telemetra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.Postgres;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.config.OperatorClient;
import io.telemetra.operator.spark.SparkApplication;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * After full reconciles with real Secrets (a Ready pipeline, and one whose SASL credentials the
 * broker refuses), no secret value, plain or base64, appears in the pipeline's status, in any
 * Event, in any object the operator generated, or in anything the operator logged at DEBUG.
 */
class SecretsNeverLeakIT {

  @RegisterExtension static final RealApiServer API = new RealApiServer();

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final String PG_PASSWORD = "pg-pw-" + UUID.randomUUID();
  private static final String API_TOKEN = "api-token-" + UUID.randomUUID();
  private static final String REDIS_PASSWORD = "redis-pw-" + UUID.randomUUID();
  private static final String KAFKA_PASSWORD = "kafka-pw-" + UUID.randomUUID();
  private static final String KAFKA_USER = "kafka-user-" + UUID.randomUUID();

  @TempDir static Path dataDir;
  private static KafkaBroker kafka;
  private static Postgres postgres;
  private static KubernetesClient operatorClient;
  private static OperatorUnderTest operator;
  private static final StringWriter LOG = new StringWriter();
  private static WriterAppender capture;

  @BeforeAll
  static void startEverythingAndCaptureTheOperatorsLog() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    capture =
        WriterAppender.newBuilder()
            .setName("secrets-capture")
            .setTarget(LOG)
            .setLayout(
                PatternLayout.newBuilder().withPattern("%level %c - %msg%n%throwable").build())
            .build();
    capture.start();
    context.getConfiguration().addAppender(capture);
    context.getRootLogger().addAppender(capture);
    Configurator.setLevel("io.telemetra", Level.DEBUG);
    Configurator.setLevel("io.javaoperatorsdk", Level.INFO);
    Configurator.setLevel("org.apache.kafka", Level.INFO);
    kafka = KafkaBroker.onFreePorts(dataDir.resolve("kafka")).start();
    postgres = Postgres.onFreePort(dataDir.resolve("postgres")).start();
    var identity = API.config();
    if (OperatorChart.exists()) {
      identity =
          OperatorChart.impersonating(
              identity,
              OperatorChart.installIdentity(API.client(), API.createNamespace("telemetra-system")));
    }
    operatorClient = OperatorClient.builder().withConfig(identity).build();
    operator =
        OperatorUnderTest.start(operatorClient, Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @AfterAll
  static void stopEverything() {
    if (operator != null) operator.close();
    if (operatorClient != null) operatorClient.close();
    if (kafka != null) kafka.close();
    if (postgres != null) postgres.close();
    ((LoggerContext) LogManager.getContext(false)).getRootLogger().removeAppender(capture);
  }

  @Test
  void noSecretValueAppearsInStatusEventsGeneratedObjectsOrLogs() throws Exception {
    KubernetesClient client = API.client();
    String ready = API.createNamespace("secrets-ready");
    String refused = API.createNamespace("secrets-refused");
    for (String ns : List.of(ready, refused)) {
      createDatabase(ns.replace('-', '_'));
      secret(
          client,
          ns,
          "postgres-credentials",
          Map.of("username", postgres.user(), "password", PG_PASSWORD));
      secret(client, ns, "api-token", Map.of("token", API_TOKEN));
      secret(client, ns, "redis-password", Map.of("password", REDIS_PASSWORD));
      secret(
          client,
          ns,
          "kafka-credentials",
          Map.of("username", KAFKA_USER, "password", KAFKA_PASSWORD));
    }
    create(client, ready, null);
    create(
        client,
        refused,
        "auth: {securityProtocol: SASL_PLAINTEXT, saslMechanism: PLAIN,"
            + " secretRef: {name: kafka-credentials}}");

    // The Ready pipeline: every object generated, the controllers played until Ready=True.
    var standIn = new ControllerStandIn(client);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                spark(client, ready) != null
                    && client.apps().deployments().inNamespace(ready).withName("p-api").get()
                        != null);
    standIn.sparkApplicationState(ready, "p-streaming", "RUNNING", null);
    standIn.deploymentReady(ready, "p-api");
    await().atMost(PATIENCE).until(() -> conditionStatus(client, ready, "Ready").equals("True"));
    // The refused one: the operator has tried the SASL credentials and reported why they failed.
    await()
        .atMost(PATIENCE)
        .until(() -> !conditionStatus(client, refused, "TopicsReady").isEmpty());
    Thread.sleep(6_000); // a few more resyncs and their logs

    List<String> secrets = List.of(PG_PASSWORD, API_TOKEN, REDIS_PASSWORD, KAFKA_PASSWORD);
    List<String> forms = new ArrayList<>();
    for (String s : secrets) {
      forms.add(s);
      forms.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
    }
    int scanned = 0;
    for (String ns : List.of(ready, refused)) {
      List<HasMetadata> objects = new ArrayList<>();
      objects.add(client.resources(TelemetraPipeline.class).inNamespace(ns).withName("p").get());
      objects.addAll(client.apps().deployments().inNamespace(ns).list().getItems());
      objects.addAll(client.configMaps().inNamespace(ns).list().getItems());
      objects.addAll(client.services().inNamespace(ns).list().getItems());
      objects.addAll(client.policy().v1().podDisruptionBudget().inNamespace(ns).list().getItems());
      objects.addAll(client.resources(SparkApplication.class).inNamespace(ns).list().getItems());
      objects.addAll(client.v1().events().inNamespace(ns).list().getItems());
      objects.addAll(client.events().v1().events().inNamespace(ns).list().getItems());
      for (HasMetadata o : objects) {
        String yaml = client.getKubernetesSerialization().asYaml(o);
        for (String form : forms) {
          assertThat(yaml)
              .as("%s %s/%s", o.getKind(), ns, o.getMetadata().getName())
              .doesNotContain(form);
        }
        scanned++;
      }
    }
    assertThat(scanned).as("objects scanned").isGreaterThanOrEqualTo(10);
    // The generated objects do reference the Secrets, by name only.
    String deployment =
        client
            .getKubernetesSerialization()
            .asYaml(client.apps().deployments().inNamespace(ready).withName("p-api").get());
    assertThat(deployment).contains("api-token").contains("postgres-credentials");
    String log = LOG.toString();
    assertThat(log).as("captured operator log").contains("p");
    assertThat(log.length()).as("captured operator log").isGreaterThan(200);
    for (String form : forms) {
      assertThat(log).as("operator log").doesNotContain(form);
    }
  }

  private static SparkApplication spark(KubernetesClient client, String ns) {
    return client.resources(SparkApplication.class).inNamespace(ns).withName("p-streaming").get();
  }

  private static String conditionStatus(KubernetesClient client, String ns, String type) {
    TelemetraPipeline p =
        client.resources(TelemetraPipeline.class).inNamespace(ns).withName("p").get();
    if (p == null || p.getStatus() == null || p.getStatus().getConditions() == null) {
      return "";
    }
    return p.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .map(c -> c.getStatus())
        .findFirst()
        .orElse("");
  }

  private static void create(KubernetesClient client, String ns, String kafkaAuth) {
    String yaml =
        """
        apiVersion: telemetra.io/v1alpha1
        kind: TelemetraPipeline
        metadata: {name: p, namespace: %s}
        spec:
          kafka:
            bootstrapServers: %s
            topicPrefix: it.%s
            partitions: 1
            %s
          postgres:
            host: %s
            port: %d
            database: %s
            credentialsSecretRef: {name: postgres-credentials}
          redis:
            host: redis.invalid
            passwordSecretRef: {name: redis-password, key: password}
          streaming:
            image: ghcr.io/telemetra/streaming:0.1.0
            checkpointLocation: s3a://checkpoints/%s
          api:
            image: ghcr.io/telemetra/api:0.1.0
            replicas: 2
            authTokenSecretRef: {name: api-token, key: token}
          producer:
            enabled: false
        """
            .formatted(
                ns,
                kafka.bootstrapServers(),
                ns,
                kafkaAuth == null ? "" : kafkaAuth,
                postgres.host(),
                postgres.port(),
                ns.replace('-', '_'),
                ns);
    client
        .resource(client.getKubernetesSerialization().unmarshal(yaml, TelemetraPipeline.class))
        .create();
  }

  private static void secret(
      KubernetesClient client, String ns, String name, Map<String, String> data) {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ns)
                .endMetadata()
                .withStringData(data)
                .build())
        .create();
  }

  private static void createDatabase(String database) throws Exception {
    try (var c =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }
}
