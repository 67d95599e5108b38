package io.telemetra.streaming.checkpoint;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A copy of the query checkpoints.
 *
 * @param id the UTC time it was taken, {@code yyyyMMdd-HHmmss-SSS}
 * @param location where the copy is
 * @param queries per query: its checkpoint's query id and the last batch it had committed
 */
public record Snapshot(String id, String location, Map<String, Query> queries) {

  /** A query checkpoint as copied: its query id and its last committed batch. */
  public record Query(UUID queryId, long lastBatch) {}

  public Snapshot {
    queries = Map.copyOf(queries);
  }

  /** When it was taken. */
  public Instant takenAt() {
    return LocalDateTime.parse(id, DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS"))
        .toInstant(ZoneOffset.UTC);
  }

  /** "telemetra-ingest batch 41, telemetra-windows batch 40". */
  public String batches() {
    return queries.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " batch " + e.getValue().lastBatch())
        .collect(Collectors.joining(", "));
  }
}
