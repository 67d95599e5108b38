package io.telemetra.producer;

import io.telemetra.events.Event;
import io.telemetra.events.EventType;
import io.telemetra.events.RejectionReason;
import io.telemetra.events.Topics;

/**
 * One record the generator produced, with the ground truth about it.
 *
 * @param type the event type, which decides the topic
 * @param key the Kafka key: the stream id
 * @param value the record's bytes, exactly as they go on the wire
 * @param event the event the bytes encode; null when the record is malformed
 * @param expectedRejection the reason the codec must reject it for; null when it is valid
 * @param duplicate true when this re-sends an earlier record's exact bytes (same event_id)
 */
public record GeneratedRecord(
    EventType type,
    String key,
    byte[] value,
    Event event,
    RejectionReason expectedRejection,
    boolean duplicate) {

  public boolean malformed() {
    return expectedRejection != null;
  }

  /** The topic this record goes to in pipeline {@code topics}. */
  public String topic(Topics topics) {
    return topics.of(type);
  }
}
