package io.telemetra.operator.topics;

import io.telemetra.operator.status.Reason;
import java.util.Map;

/**
 * The pipeline's topics as last seen on Kafka, or why Kafka could not be asked, and how many
 * records its event topics hold (the sum of their end offsets; -1 when not asked): the input the
 * streaming job should be reading.
 */
public record TopicsState(
    Reason problem, String message, Map<String, Topic> topics, long inputRecords) {

  /** One topic: its partition count and retention.ms. */
  public record Topic(int partitions, long retentionMs) {}

  public static TopicsState seen(Map<String, Topic> topics) {
    return seen(topics, -1);
  }

  public static TopicsState seen(Map<String, Topic> topics, long inputRecords) {
    return new TopicsState(null, null, Map.copyOf(topics), inputRecords);
  }

  public static TopicsState unavailable(Reason problem, String message) {
    return new TopicsState(problem, message, Map.of(), -1);
  }

  public boolean reachable() {
    return problem == null;
  }
}
