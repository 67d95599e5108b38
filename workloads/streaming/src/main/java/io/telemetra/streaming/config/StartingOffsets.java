package io.telemetra.streaming.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a new checkpoint starts reading the event topics ({@code KAFKA_STARTING_OFFSETS}): {@code
 * earliest} (every retained record), {@code latest} (only records written from now on) or an RFC
 * 3339 time (the first record of each partition whose Kafka timestamp is at or after it; a
 * partition without one starts at its end). A checkpoint that already exists ignores it.
 */
public record StartingOffsets(String position, Optional<Instant> timestamp) {

  public static final StartingOffsets EARLIEST = new StartingOffsets("earliest", Optional.empty());

  /** Parses {@code earliest}, {@code latest} or an RFC 3339 time such as 2026-12-05T10:00:00Z. */
  public static StartingOffsets parse(String value) {
    String v = value.strip();
    if (v.equals("earliest") || v.equals("latest")) {
      return new StartingOffsets(v, Optional.empty());
    }
    try {
      return new StartingOffsets("timestamp", Optional.of(OffsetDateTime.parse(v).toInstant()));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "KAFKA_STARTING_OFFSETS must be earliest, latest or an RFC 3339 time"
              + " (e.g. 2026-12-05T10:00:00Z): "
              + value,
          e);
    }
  }

  /** The Kafka source options that start a new checkpoint here. */
  public Map<String, String> sparkOptions() {
    return timestamp
        .map(
            t ->
                Map.of(
                    "startingTimestamp",
                    String.valueOf(t.toEpochMilli()),
                    // A partition with no record at or after the time starts at its end.
                    "startingOffsetsByTimestampStrategy",
                    "latest"))
        .orElseGet(() -> Map.of("startingOffsets", position));
  }

  @Override
  public String toString() {
    return timestamp.map(Instant::toString).orElse(position);
  }
}
