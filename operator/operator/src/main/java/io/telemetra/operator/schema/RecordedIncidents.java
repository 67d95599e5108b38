package io.telemetra.operator.schema;

import java.time.Instant;

/**
 * What the streaming job recorded in one of its incident tables for one pipeline (checkpoint
 * resets, records lost from Kafka): how many, when the latest was detected, and it in words.
 */
public record RecordedIncidents(long count, Instant lastDetectedAt, String last) {

  public static final RecordedIncidents NONE = new RecordedIncidents(0, null, null);
}
