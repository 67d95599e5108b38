package io.telemetra.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.schema.SchemaService;
import io.telemetra.operator.schema.SchemaState;
import io.telemetra.operator.status.ConditionType;
import io.telemetra.operator.status.Conditions;
import io.telemetra.operator.status.Reason;
import io.telemetra.operator.topics.KafkaTopics;
import io.telemetra.operator.topics.TopicsService;
import io.telemetra.operator.topics.TopicsState;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconcilers and the status on fake Kafka and Postgres ({@link ExternalSystems}): what the
 * operator makes of topics created, a schema migrated, a broker that goes away and comes back, and
 * a Delete pipeline's data dropped, without a broker or a database. The real ones are in {@code
 * TelemetraPipelineIT}.
 */
@EnableKubernetesMockClient(crud = true)
class FakeExternalSystemsMockTest {

  static final String NS = "team-fakes";

  KubernetesClient client;
  TelemetraOperator operator;
  final FakeKafka kafka = new FakeKafka();
  final FakePostgres postgres = new FakePostgres();

  /** A Kafka whose topics are a map; it can be made unreachable. */
  static final class FakeKafka {
    final Map<String, TopicsState.Topic> topics = new ConcurrentHashMap<>();
    final AtomicBoolean down = new AtomicBoolean();

    TopicsService connect(TelemetraPipeline pipeline) {
      var desired = KafkaTopics.desired(pipeline.getSpec().getKafka());
      return new TopicsService() {
        @Override
        public TopicsState observe() {
          return down.get()
              ? TopicsState.unavailable(Reason.KafkaUnavailable, "no broker (fake)")
              : TopicsState.seen(Map.copyOf(topics));
        }

        @Override
        public TopicsState apply() {
          if (down.get()) {
            throw new PipelineProblem(Reason.KafkaUnavailable, "no broker (fake)");
          }
          topics.putAll(desired);
          return observe();
        }

        @Override
        public void delete() {
          topics.keySet().removeAll(desired.keySet());
        }
      };
    }
  }

  /** A database with one pending migration until it is migrated. */
  static final class FakePostgres {
    final AtomicInteger migrations = new AtomicInteger();
    final AtomicBoolean dropped = new AtomicBoolean();

    SchemaService connect() {
      return new SchemaService() {
        @Override
        public SchemaState observe() {
          return migrations.get() == 0 ? SchemaState.seen(null, 1) : SchemaState.seen("7", 0, true);
        }

        @Override
        public SchemaState migrate() {
          migrations.incrementAndGet();
          return observe();
        }

        @Override
        public Optional<String> drop() {
          dropped.set(true);
          return Optional.empty();
        }
      };
    }
  }

  @BeforeAll
  static void pollEverySecond() {
    System.setProperty("TELEMETRA_KAFKA_POLL_SECONDS", "1");
  }

  @AfterAll
  static void pollAsConfigured() {
    System.clearProperty("TELEMETRA_KAFKA_POLL_SECONDS");
  }

  @BeforeEach
  void startOperator() throws Exception {
    operator =
        TestingOperator.startOnMockServer(
            client,
            TestingOperator.settings(),
            new ExternalSystems(
                (c, secrets, pipeline) -> kafka.connect(pipeline),
                (c, secrets, pipeline) -> postgres.connect()));
    client.resource(TestingPipelines.postgresSecret(NS, "telemetra")).create();
    client.resource(TestingPipelines.apiTokenSecret(NS)).create();
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  Condition condition(String name, String type) {
    TelemetraPipeline p =
        client.resources(TelemetraPipeline.class).inNamespace(NS).withName(name).get();
    return p == null || p.getStatus() == null
        ? null
        : Conditions.find(p.getStatus().getConditions(), type).orElse(null);
  }

  @Test
  void topicsAndSchemaComeFromTheSystemsAndABrokerOutageIsReportedAndRecovered() {
    client.resource(TestingPipelines.basic("faked", NS, "kafka:9092", "postgres", 5432)).create();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(condition("faked", ConditionType.TOPICS_READY))
                  .extracting(Condition::getStatus)
                  .isEqualTo("True");
              assertThat(condition("faked", ConditionType.SCHEMA_READY))
                  .extracting(Condition::getStatus)
                  .isEqualTo("True");
              assertThat(
                      client
                          .resources(Deployment.class)
                          .inNamespace(NS)
                          .withName("faked-api")
                          .get())
                  .as("the API follows topics and schema")
                  .isNotNull();
            });
    assertThat(kafka.topics.keySet())
        .containsExactlyInAnyOrder(
            "faked.events.chat",
            "faked.events.viewer",
            "faked.events.transactions",
            "faked.events.stream_meta",
            "faked.events.dlq");
    assertThat(postgres.migrations).hasValue(1);
    assertThat(operator.registry().scrape())
        .as("when each polled part was last looked at")
        .containsPattern(
            "telemetra_pipeline_last_probe_seconds\\{[^}]*name=\"faked\"[^}]*part=\"topics\"")
        .containsPattern(
            "telemetra_pipeline_last_probe_seconds\\{[^}]*name=\"faked\"[^}]*part=\"schema\"");

    kafka.down.set(true);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              Condition topics = condition("faked", ConditionType.TOPICS_READY);
              assertThat(topics.getStatus()).isEqualTo("False");
              assertThat(topics.getReason()).isEqualTo("KafkaUnavailable");
              assertThat(topics.getMessage()).contains("no broker (fake)");
              assertThat(condition("faked", ConditionType.READY).getStatus()).isEqualTo("False");
            });

    kafka.down.set(false);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(condition("faked", ConditionType.TOPICS_READY).getStatus())
                    .isEqualTo("True"));
    assertThat(
            client.events().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "KafkaUnavailable".equals(e.getReason()))
                .map(Event::getAction))
        .containsExactly("ProvisionTopics");
  }

  @Test
  void deletingADeletePipelineDropsItsTopicsAndTablesOnTheSystems() {
    client.resource(TestingPipelines.basic("dropped", NS, "kafka:9092", "postgres", 5432)).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> kafka.topics.size() == 5 && postgres.migrations.get() == 1);
    client
        .resources(TelemetraPipeline.class)
        .inNamespace(NS)
        .withName("dropped")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"deletionPolicy\":\"Delete\"}}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .resources(TelemetraPipeline.class)
                    .inNamespace(NS)
                    .withName("dropped")
                    .get()
                    .getMetadata()
                    .getFinalizers()
                    .contains(DeletionPolicyReconciler.FINALIZER));

    client.resources(TelemetraPipeline.class).inNamespace(NS).withName("dropped").delete();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(kafka.topics).isEmpty();
              assertThat(postgres.dropped).isTrue();
              assertThat(
                      client.events().v1().events().inNamespace(NS).list().getItems().stream()
                          .map(e -> Set.of(e.getReason(), e.getAction())))
                  .contains(Set.of("DataDropped", "Delete"));
            });
  }
}
