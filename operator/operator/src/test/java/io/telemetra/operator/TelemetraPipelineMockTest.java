package io.telemetra.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.events.v1.Event;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.telemetra.embedded.Ports;
import io.telemetra.operator.api.v1alpha1.DeletionPolicy;
import io.telemetra.operator.api.v1alpha1.Phase;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.status.ConditionType;
import io.telemetra.operator.status.Conditions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operator against the fabric8 mock API server (CRUD mode), with Kafka and Postgres absent:
 * conditions and reasons, owned objects, finalizer handling and events.
 */
@EnableKubernetesMockClient(crud = true)
class TelemetraPipelineMockTest {

  static final String NS = "team-a";

  KubernetesClient client;
  KubernetesMockServer server;
  TelemetraOperator operator;
  final String nowhere = "127.0.0.1:" + Ports.free();

  @BeforeEach
  void startOperator() throws Exception {
    operator = TestingOperator.startOnMockServer(client);
  }

  @AfterEach
  void stopOperator() {
    operator.close();
  }

  TelemetraPipeline pipeline(String name) {
    return TestingPipelines.basic(name, NS, nowhere, "127.0.0.1", Ports.free());
  }

  Optional<Condition> condition(String name, String type) {
    TelemetraPipeline p =
        client.resources(TelemetraPipeline.class).inNamespace(NS).withName(name).get();
    return p == null || p.getStatus() == null
        ? Optional.empty()
        : Conditions.find(p.getStatus().getConditions(), type);
  }

  void setDeletionPolicy(String name, DeletionPolicy policy) {
    client
        .resources(TelemetraPipeline.class)
        .inNamespace(NS)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"deletionPolicy\":\"" + policy + "\"}}");
  }

  <T extends HasMetadata> T get(Class<T> type, String name) {
    return client.resources(type).inNamespace(NS).withName(name).get();
  }

  @Test
  void aMissingSecretIsReportedPreciselyAndNothingIsDeployed() throws InterruptedException {
    client.resource(pipeline("nosecret")).create();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(condition("nosecret", ConditionType.READY)).isPresent();
              Condition ready = condition("nosecret", ConditionType.READY).orElseThrow();
              assertThat(ready.getStatus()).isEqualTo("False");
              assertThat(ready.getReason()).as(ready.getMessage()).isEqualTo("SecretNotFound");
              assertThat(ready.getMessage())
                  .contains("'telemetra-postgres'", "spec.postgres.credentialsSecretRef");
            });
    assertThat(condition("nosecret", ConditionType.API_READY).orElseThrow().getReason())
        .isEqualTo("SecretNotFound");
    var status = get(TelemetraPipeline.class, "nosecret").getStatus();
    assertThat(status.getPhase()).isEqualTo(Phase.Failed);
    assertThat(get(ConfigMap.class, "nosecret-api")).isNull();
    assertThat(get(Deployment.class, "nosecret-api")).isNull();
    await()
        .untilAsserted(
            () ->
                assertThat(client.events().v1().events().inNamespace(NS).list().getItems())
                    .anySatisfy(
                        e -> {
                          assertThat(e.getReason()).isEqualTo("SecretNotFound");
                          assertThat(e.getRegarding().getName()).isEqualTo("nosecret");
                          assertThat(e.getType()).isEqualTo("Warning");
                        }));
    Thread.sleep(10_000); // retries with backoff: 2 s, 4 s, ...
    assertThat(
            client.events().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "nosecret".equals(e.getRegarding().getName()))
                .map(e -> e.getNote().substring(0, e.getNote().indexOf(':'))))
        .as("one event per transition (condition=status), however often the retry runs")
        .doesNotHaveDuplicates();
    Map<String, String> actionOfCondition =
        Map.of(
            "Ready", "Reconcile",
            "TopicsReady", "ProvisionTopics",
            "SchemaReady", "MigrateSchema",
            "StreamingReady", "RunStreamingJob",
            "ApiReady", "RollOutApi");
    assertThat(
            client.events().v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> "nosecret".equals(e.getRegarding().getName())))
        .as("each event names the work behind its condition")
        .allSatisfy(
            e ->
                assertThat(e.getAction())
                    .isEqualTo(
                        actionOfCondition.get(e.getNote().substring(0, e.getNote().indexOf('=')))))
        .anySatisfy(e -> assertThat(e.getAction()).isNotEqualTo("Reconcile"));
  }

  @Test
  void creatingTheSecretRecoversAndUnreachablePostgresIsReportedWhileApiObjectsAppearOwned() {
    client.resource(pipeline("recover")).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                condition("recover", ConditionType.READY)
                    .map(c -> "SecretNotFound".equals(c.getReason()))
                    .orElse(false));

    client.resource(TestingPipelines.postgresSecret(NS, "telemetra")).create();
    client.resource(TestingPipelines.apiTokenSecret(NS)).create();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(condition("recover", ConditionType.SCHEMA_READY).orElseThrow().getReason())
                  .isEqualTo("PostgresUnavailable");
              assertThat(
                      condition("recover", ConditionType.SCHEMA_READY).orElseThrow().getMessage())
                  .contains("Postgres at jdbc:postgresql://127.0.0.1:");
            });
    TelemetraPipeline owner = get(TelemetraPipeline.class, "recover");
    for (HasMetadata owned :
        new HasMetadata[] {
          get(ConfigMap.class, "recover-api"),
          get(Service.class, "recover-api"),
          get(PodDisruptionBudget.class, "recover-api")
        }) {
      assertThat(owned).isNotNull();
      OwnerReference ref = owned.getMetadata().getOwnerReferences().get(0);
      assertThat(ref.getUid()).isEqualTo(owner.getMetadata().getUid());
      assertThat(ref.getKind()).isEqualTo("TelemetraPipeline");
      assertThat(ref.getName()).isEqualTo("recover");
      assertThat(ref.getController()).as("controller reference").isTrue();
      assertThat(ref.getBlockOwnerDeletion()).isTrue();
    }
    assertThat(get(Deployment.class, "recover-api")).as("API waits for the schema").isNull();
    assertThat(condition("recover", ConditionType.STREAMING_READY).orElseThrow().getReason())
        .isEqualTo("SparkOperatorMissing");
    assertThat(owner.getMetadata().getFinalizers()).isEmpty();
  }

  @Test
  void aCallTheKubernetesApiRefusesIsReportedOnItsPartAndRetriedUntilItSucceeds() {
    String namespace = "team-refused"; // alone here: no other pipeline's ConfigMap meets the 403
    server
        .expect()
        .post()
        .withPath("/api/v1/namespaces/" + namespace + "/configmaps")
        .andReturn(403, "configmaps is forbidden")
        .times(2);
    client.resource(TestingPipelines.postgresSecret(namespace, "telemetra")).create();
    client.resource(TestingPipelines.apiTokenSecret(namespace)).create();
    TelemetraPipeline refused = pipeline("refused");
    refused.getMetadata().setNamespace(namespace);
    client.resource(refused).create();

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              TelemetraPipeline p =
                  client
                      .resources(TelemetraPipeline.class)
                      .inNamespace(namespace)
                      .withName("refused")
                      .get();
              Condition api =
                  Conditions.find(p.getStatus().getConditions(), ConditionType.API_READY)
                      .orElseThrow();
              assertThat(api.getReason()).as(api.getMessage()).isEqualTo("ReconcileError");
              assertThat(api.getMessage()).contains("api-config", "Forbidden");
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(client.configMaps().inNamespace(namespace).withName("refused-api").get())
                    .as("created once the API accepts it")
                    .isNotNull());
  }

  @Test
  void onlyDeletionPolicyDeleteCarriesAFinalizer() {
    client.resource(TestingPipelines.postgresSecret(NS, "telemetra")).createOr(r -> r.update());
    client.resource(TestingPipelines.apiTokenSecret(NS)).createOr(r -> r.update());
    client.resource(pipeline("policy")).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> condition("policy", ConditionType.READY).isPresent());
    assertThat(get(TelemetraPipeline.class, "policy").getMetadata().getFinalizers()).isEmpty();

    setDeletionPolicy("policy", DeletionPolicy.Delete);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(get(TelemetraPipeline.class, "policy").getMetadata().getFinalizers())
                    .containsExactly(DeletionPolicyReconciler.FINALIZER));

    setDeletionPolicy("policy", DeletionPolicy.Retain);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(get(TelemetraPipeline.class, "policy").getMetadata().getFinalizers())
                    .isEmpty());
  }

  @Test
  void secretValuesAppearNeitherInStatusNorInEvents() {
    client.resource(TestingPipelines.postgresSecret(NS, "telemetra")).createOr(r -> r.update());
    client.resource(TestingPipelines.apiTokenSecret(NS)).createOr(r -> r.update());
    client.resource(pipeline("quiet")).create();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                condition("quiet", ConditionType.SCHEMA_READY)
                    .map(c -> "PostgresUnavailable".equals(c.getReason()))
                    .orElse(false));

    String everything =
        Serialization.asJson(get(TelemetraPipeline.class, "quiet"))
            + Serialization.asJson(
                client.events().v1().events().inNamespace(NS).list().getItems().stream()
                    .map(Event::getNote)
                    .toList())
            + Serialization.asJson(client.configMaps().inNamespace(NS).list());

    assertThat(everything)
        .doesNotContain(TestingPipelines.POSTGRES_PASSWORD)
        .doesNotContain(TestingPipelines.API_TOKEN);
  }
}
