package io.telemetra.operator.topics;

import io.telemetra.operator.pipeline.ExternalState;
import io.telemetra.operator.status.Reason;
import java.util.Map;

/**
 * The pipeline's topics as last seen on Kafka, or why Kafka could not be asked, and how many
 * records its event topics hold (the input the streaming job should be reading) and its dead-letter
 * topic (the records it refused): the sums of their end offsets, -1 when not asked.
 */
public record TopicsState(
    Reason problem, String message, Map<String, Topic> topics, long inputRecords, long deadLetters)
    implements ExternalState {

  /** One topic: its partition count and retention.ms. */
  public record Topic(int partitions, long retentionMs) {}

  /** What the end offsets of the topics say. */
  public record Records(long input, long deadLetters) {

    public static final Records UNKNOWN = new Records(-1, -1);
  }

  public static TopicsState seen(Map<String, Topic> topics) {
    return seen(topics, Records.UNKNOWN);
  }

  public static TopicsState seen(Map<String, Topic> topics, Records records) {
    return new TopicsState(null, null, Map.copyOf(topics), records.input(), records.deadLetters());
  }

  public static TopicsState unavailable(Reason problem, String message) {
    return new TopicsState(problem, message, Map.of(), -1, -1);
  }
}
