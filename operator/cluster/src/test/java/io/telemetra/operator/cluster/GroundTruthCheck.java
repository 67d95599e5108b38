package io.telemetra.operator.cluster;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.telemetra.events.Topics;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.soak.probe.KafkaEndOffsets;
import io.telemetra.soak.probe.PostgresProbe;
import io.telemetra.truth.PipelineVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The game day's exactness check, as the soak judges it ({@link PipelineVerdict}): every window
 * row, transaction and moment the pipeline wrote to the node's PostgreSQL, and every dead letter in
 * Kafka, equals the ground truth computed from every record of the event topics.
 *
 * <p>Precondition: nothing writes to the event topics while the check runs, i.e. the demo producer
 * is stopped ({@link #stopProducer}, which disables it in the pipeline's spec and waits until its
 * pods are gone). The truth is read once, from the records Kafka holds when the check starts, and
 * the tables are compared with it until the streaming job has processed them all; events produced
 * later would be in the tables but not in the truth. The check waits up to {@link #QUIET_WITHIN}
 * for the topics to stop growing and fails if they do not, or if they grew while it compared. The
 * streaming job need not be running when the check starts: it only has to process everything before
 * the timeout (the job writes every window it touched, complete, in each micro-batch, so no
 * watermark has to pass the last windows).
 *
 * <p>A producer started again ({@link #startProducer}) draws a new random seed (the operator sets
 * no {@code PRODUCER_SEED}), so it sends new event ids rather than the earlier ones again.
 */
final class GroundTruthCheck {

  /** Window and slide of examples/demo-producer.yaml (the spec's defaults). */
  static final Duration DEMO_WINDOW = Duration.ofSeconds(60);

  static final Duration DEMO_SLIDE = Duration.ofSeconds(10);

  /** How long the event topics must stay the same size before the truth is read. */
  static final Duration QUIET = Duration.ofSeconds(5);

  /** How long a stopped producer may still be flushing its last records. */
  static final Duration QUIET_WITHIN = Duration.ofSeconds(60);

  private static final Duration POD_TIMEOUT = Duration.ofMinutes(3);

  private final NodeInfrastructure infra;
  private final Topics topics;
  private final Duration window;
  private final Duration slide;

  GroundTruthCheck(NodeInfrastructure infra, Topics topics, Duration window, Duration slide) {
    this.infra = infra;
    this.topics = topics;
    this.window = window;
    this.slide = slide;
  }

  /** For the demo pipeline: default topic prefix, 60 s windows sliding 10 s. */
  static GroundTruthCheck ofDemo(NodeInfrastructure infra) {
    return new GroundTruthCheck(infra, Topics.defaults(), DEMO_WINDOW, DEMO_SLIDE);
  }

  /**
   * Waits up to {@code timeout} (polling every 10 s) until every table equals the ground truth read
   * back from Kafka; otherwise fails with the tables that differ and example rows. Returns the
   * verdict, whose {@link PipelineVerdict#summary()} suits the test's log.
   */
  PipelineVerdict assertTablesEqualGroundTruth(Duration timeout) {
    String bootstrap = infra.kafka().bootstrapServers();
    try (KafkaEndOffsets produced = new KafkaEndOffsets(bootstrap, topics)) {
      long records = awaitQuiet(produced);
      PostgresProbe postgres =
          new PostgresProbe(
              infra.postgres().jdbcUrl(), infra.postgres().user(), infra.postgres().password());
      PipelineVerdict verdict =
          PipelineVerdict.check(
              bootstrap,
              topics,
              postgres::connect,
              window,
              slide,
              timeout,
              note -> System.out.println("ground truth: " + note));
      Optional<Long> after = produced.total();
      if (after.isPresent() && after.get() != records) {
        throw new AssertionError(
            String.format(
                "the event topics grew from %,d to %,d records during the check: something"
                    + " produced (is the producer running again?); %s",
                records, after.get(), verdict.summary()));
      }
      if (!verdict.passed()) {
        throw new AssertionError("after " + timeout.toSeconds() + " s: " + verdict.report());
      }
      System.out.println("ground truth: " + verdict.summary());
      return verdict;
    }
  }

  /** The event topics' size once it stayed the same for {@link #QUIET}. */
  private static long awaitQuiet(KafkaEndOffsets produced) {
    Instant deadline = Instant.now().plus(QUIET_WITHIN);
    Optional<Long> before = produced.total();
    while (Instant.now().isBefore(deadline)) {
      sleep(QUIET);
      Optional<Long> now = produced.total();
      if (now.isPresent() && now.equals(before)) {
        return now.get();
      }
      before = now;
    }
    throw new AssertionError(
        before
            .map(
                n ->
                    String.format(
                        "the event topics still grow (%,d records) after %d s: the ground truth"
                            + " needs the producer stopped (GroundTruthCheck.stopProducer)",
                        n, QUIET_WITHIN.toSeconds()))
            .orElse("Kafka did not answer for " + QUIET_WITHIN.toSeconds() + " s"));
  }

  /**
   * Disables the demo producer in the pipeline's spec ({@code spec.producer.enabled: false}; the
   * operator deletes its Deployment) and waits until its pods are gone: a producer stops on SIGTERM
   * only once Kafka acknowledged everything it sent.
   */
  static void stopProducer(KubernetesClient client) {
    setProducerEnabled(client, false);
    await("the producer's pods gone")
        .atMost(POD_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .until(() -> producerPods(client).isEmpty());
  }

  /** Enables the demo producer again and waits until its pod runs and is ready. */
  static void startProducer(KubernetesClient client) {
    setProducerEnabled(client, true);
    await("a producer pod ready")
        .atMost(POD_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                producerPods(client).stream()
                    .anyMatch(
                        p ->
                            p.getMetadata().getDeletionTimestamp() == null
                                && p.getStatus() != null
                                && p.getStatus().getConditions() != null
                                && p.getStatus().getConditions().stream()
                                    .anyMatch(
                                        c ->
                                            "Ready".equals(c.getType())
                                                && "True".equals(c.getStatus()))));
  }

  private static void setProducerEnabled(KubernetesClient client, boolean enabled) {
    client
        .resources(TelemetraPipeline.class)
        .inNamespace(DemoPipeline.NAMESPACE)
        .withName(DemoPipeline.NAME)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"producer\":{\"enabled\":" + enabled + "}}}");
  }

  private static List<Pod> producerPods(KubernetesClient client) {
    return client
        .pods()
        .inNamespace(DemoPipeline.NAMESPACE)
        .withLabels(
            Map.of(
                "app.kubernetes.io/name",
                "telemetra-producer",
                "app.kubernetes.io/instance",
                DemoPipeline.NAME))
        .list()
        .getItems();
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
