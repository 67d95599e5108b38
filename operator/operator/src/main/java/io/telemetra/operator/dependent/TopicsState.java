package io.telemetra.operator.dependent;

import io.telemetra.operator.status.Reason;
import java.util.Map;

/** The pipeline's topics as last seen on Kafka, or why Kafka could not be asked. */
public record TopicsState(Reason problem, String message, Map<String, Topic> topics) {

  /** One topic: its partition count and retention.ms. */
  public record Topic(int partitions, long retentionMs) {}

  public static TopicsState seen(Map<String, Topic> topics) {
    return new TopicsState(null, null, Map.copyOf(topics));
  }

  public static TopicsState unavailable(Reason problem, String message) {
    return new TopicsState(problem, message, Map.of());
  }

  public boolean reachable() {
    return problem == null;
  }
}
