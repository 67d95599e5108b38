package io.telemetra.operator.topics;

import io.telemetra.events.Topics;
import io.telemetra.operator.api.v1alpha1.KafkaSpec;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.Connector;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import io.telemetra.operator.pipeline.WorkloadEnvironment;
import io.telemetra.operator.status.Reason;
import io.telemetra.runtime.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** A pipeline's Kafka topics through the AdminClient: observe, create and grow, delete. */
public final class KafkaTopics implements TopicsService {

  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final KafkaSpec spec;
  private final Properties adminProperties;

  private KafkaTopics(KafkaSpec spec, Properties adminProperties) {
    this.spec = spec;
    this.adminProperties = adminProperties;
  }

  /**
   * Topics of {@code pipeline}, reached as its workloads reach Kafka: the same {@code KAFKA_*}
   * variables, their Secret references resolved from {@code secrets}. The admin client is shared
   * with every pipeline with the same settings ({@link KafkaAdmins}).
   */
  /** Connects to the real Kafka a pipeline names. */
  public static final Connector<TopicsService> CONNECTOR =
      (client, secrets, pipeline) -> of(secrets, pipeline);

  public static KafkaTopics of(ReferencedSecrets secrets, TelemetraPipeline pipeline) {
    KafkaSpec spec = pipeline.getSpec().getKafka();
    Properties props = connection(secrets, pipeline).properties();
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "telemetra-operator");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
    return new KafkaTopics(spec, props);
  }

  /**
   * The connection the workloads of {@code pipeline} get, with the Secret values read.
   *
   * @throws PipelineProblem when a Secret or key is missing, or a value is not usable (e.g. a key
   *     that is not PKCS#8), named without the value
   */
  static KafkaConnection connection(ReferencedSecrets secrets, TelemetraPipeline pipeline) {
    return WorkloadEnvironment.resolved(
        secrets,
        pipeline,
        KafkaConnection.VARIABLES::contains,
        "spec.kafka",
        KafkaConnection::fromEnvironment);
  }

  /** The topics this pipeline should have, by name. */
  public Map<String, TopicsState.Topic> desired() {
    return desired(spec);
  }

  /**
   * The topics a pipeline with {@code spec} should have, by name: from the spec alone, so no Secret
   * is read and no client is made for it.
   */
  public static Map<String, TopicsState.Topic> desired(KafkaSpec spec) {
    Map<String, TopicsState.Topic> topics = new LinkedHashMap<>();
    long retentionMs = TimeUnit.HOURS.toMillis(spec.getRetentionHours());
    for (String name : new Topics(spec.getTopicPrefix()).all()) {
      topics.put(name, new TopicsState.Topic(spec.getPartitions(), retentionMs));
    }
    return topics;
  }

  /** What Kafka has of the desired topics, and the records in the event topics; never throws. */
  @Override
  public TopicsState observe() {
    try {
      Admin admin = KafkaAdmins.SHARED.forProperties(adminProperties);
      Map<String, TopicsState.Topic> topics = describe(admin);
      return TopicsState.seen(topics, records(admin, topics));
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      return TopicsState.unavailable(Reason.KafkaUnavailable, unavailable(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TopicsState.unavailable(Reason.KafkaUnavailable, "interrupted");
    }
  }

  /** Creates missing topics, grows partitions and sets retention; never shrinks or deletes. */
  @Override
  public TopicsState apply() {
    try {
      Admin admin = KafkaAdmins.SHARED.forProperties(adminProperties);
      Map<String, TopicsState.Topic> actual = describe(admin);
      List<NewTopic> create = new ArrayList<>();
      Map<String, NewPartitions> grow = new HashMap<>();
      Map<ConfigResource, java.util.Collection<AlterConfigOp>> configs = new HashMap<>();
      desired()
          .forEach(
              (name, want) -> {
                TopicsState.Topic have = actual.get(name);
                if (have == null) {
                  create.add(
                      new NewTopic(
                              name, want.partitions(), spec.getReplicationFactor().shortValue())
                          .configs(
                              Map.of(
                                  TopicConfig.RETENTION_MS_CONFIG,
                                  String.valueOf(want.retentionMs()))));
                  return;
                }
                if (have.partitions() < want.partitions()) {
                  grow.put(name, NewPartitions.increaseTo(want.partitions()));
                }
                if (have.retentionMs() != want.retentionMs()) {
                  configs.put(
                      new ConfigResource(ConfigResource.Type.TOPIC, name),
                      List.of(
                          new AlterConfigOp(
                              new ConfigEntry(
                                  TopicConfig.RETENTION_MS_CONFIG,
                                  String.valueOf(want.retentionMs())),
                              AlterConfigOp.OpType.SET)));
                }
              });
      if (!create.isEmpty())
        admin.createTopics(create).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!grow.isEmpty())
        admin.createPartitions(grow).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!configs.isEmpty())
        admin.incrementalAlterConfigs(configs).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      Map<String, TopicsState.Topic> topics = describe(admin);
      return TopicsState.seen(topics, records(admin, topics));
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      throw new PipelineProblem(Reason.KafkaUnavailable, unavailable(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PipelineProblem(Reason.KafkaUnavailable, "interrupted", e);
    }
  }

  /** Deletes the pipeline's topics (deletionPolicy: Delete only). */
  @Override
  public void delete() throws ExecutionException, InterruptedException, TimeoutException {
    Admin admin = KafkaAdmins.SHARED.forProperties(adminProperties);
    var existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    var ours = desired().keySet().stream().filter(existing::contains).toList();
    admin.deleteTopics(ours).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * The pipeline's topics that exist, asked for by name: one metadata request for its five topics,
   * whatever the cluster holds (listing the cluster's topics on every poll of every pipeline grew
   * with pipelines × topics).
   */
  private Map<String, TopicsState.Topic> describe(Admin admin)
      throws ExecutionException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Map<String, TopicDescription> descriptions = new LinkedHashMap<>();
    for (var described : admin.describeTopics(desired().keySet()).topicNameValues().entrySet()) {
      try {
        descriptions.put(
            described.getKey(),
            described
                .getValue()
                .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
    }
    List<String> ours = List.copyOf(descriptions.keySet());
    Map<String, TopicsState.Topic> topics = new LinkedHashMap<>();
    if (ours.isEmpty()) {
      return topics;
    }
    var resources =
        ours.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    var configs =
        admin.describeConfigs(resources).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    for (String name : ours) {
      ConfigEntry retention =
          configs
              .get(new ConfigResource(ConfigResource.Type.TOPIC, name))
              .get(TopicConfig.RETENTION_MS_CONFIG);
      long retentionMs = retention == null ? -1 : Long.parseLong(retention.value());
      topics.put(
          name, new TopicsState.Topic(descriptions.get(name).partitions().size(), retentionMs));
    }
    return topics;
  }

  /**
   * The sums of the end offsets of the event topics (every record ever written to them) and of the
   * dead-letter topic (every record the job refused), in one request.
   */
  private TopicsState.Records records(Admin admin, Map<String, TopicsState.Topic> topics)
      throws ExecutionException, InterruptedException, TimeoutException {
    Topics names = new Topics(spec.getTopicPrefix());
    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
    for (String name : names.eventTopics()) {
      latest(ends, name, topics.get(name));
    }
    latest(ends, names.deadLetter(), topics.get(names.deadLetter()));
    if (ends.isEmpty()) {
      return new TopicsState.Records(0, 0);
    }
    long input = 0;
    long deadLetters = 0;
    for (var end :
        admin.listOffsets(ends).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).entrySet()) {
      if (end.getKey().topic().equals(names.deadLetter())) {
        deadLetters += end.getValue().offset();
      } else {
        input += end.getValue().offset();
      }
    }
    return new TopicsState.Records(input, deadLetters);
  }

  private static void latest(
      Map<TopicPartition, OffsetSpec> ends, String name, TopicsState.Topic topic) {
    for (int p = 0; topic != null && p < topic.partitions(); p++) {
      ends.put(new TopicPartition(name, p), OffsetSpec.latest());
    }
  }

  private String unavailable(Exception e) {
    Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != cause && root.getMessage() != null) {
      // e.g. "SSL handshake failed" says little; "PKIX path building failed" says what to fix
      detail += " (" + root.getMessage() + ")";
    }
    return "Kafka at " + spec.getBootstrapServers() + " is unavailable: " + detail;
  }
}
