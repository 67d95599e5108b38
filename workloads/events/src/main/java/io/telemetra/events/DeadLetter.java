package io.telemetra.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rejected record on its way to the dead-letter topic. The dead-letter record keeps the original
 * key and value bytes untouched; everything else travels in headers (as Kafka Connect's dead-letter
 * queues do), so a fixed record can be replayed to its source topic as it is.
 *
 * @param sourceTopic the topic the record was read from
 * @param sourcePartition its partition, or -1 when unknown
 * @param sourceOffset its offset, or -1 when unknown
 * @param key the original key bytes (may be null)
 * @param value the original value bytes (may be null)
 * @param rejection why it was rejected
 * @param rejectedAt when it was rejected
 */
public record DeadLetter(
    String sourceTopic,
    int sourcePartition,
    long sourceOffset,
    byte[] key,
    byte[] value,
    Rejection rejection,
    Instant rejectedAt) {

  public static final String HEADER_REASON = "telemetra.dlq.reason";
  public static final String HEADER_FIELD = "telemetra.dlq.field";
  public static final String HEADER_DETAIL = "telemetra.dlq.detail";
  public static final String HEADER_SOURCE_TOPIC = "telemetra.dlq.source.topic";
  public static final String HEADER_SOURCE_PARTITION = "telemetra.dlq.source.partition";
  public static final String HEADER_SOURCE_OFFSET = "telemetra.dlq.source.offset";
  public static final String HEADER_REJECTED_AT = "telemetra.dlq.rejected.at";

  /** The headers of the dead-letter record, in a stable order, as UTF-8 bytes. */
  public Map<String, byte[]> headers() {
    Map<String, byte[]> headers = new LinkedHashMap<>();
    headers.put(HEADER_REASON, utf8(rejection.reason().name()));
    headers.put(HEADER_FIELD, utf8(rejection.field()));
    headers.put(HEADER_DETAIL, utf8(rejection.detail()));
    headers.put(HEADER_SOURCE_TOPIC, utf8(sourceTopic));
    headers.put(HEADER_SOURCE_PARTITION, utf8(Integer.toString(sourcePartition)));
    headers.put(HEADER_SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
    headers.put(HEADER_REJECTED_AT, utf8(EventCodec.formatTimestamp(rejectedAt)));
    return headers;
  }

  /** Reads a dead-letter record back from its key, value and headers. */
  public static DeadLetter fromRecord(byte[] key, byte[] value, Map<String, byte[]> headers) {
    return new DeadLetter(
        text(headers, HEADER_SOURCE_TOPIC),
        Integer.parseInt(text(headers, HEADER_SOURCE_PARTITION)),
        Long.parseLong(text(headers, HEADER_SOURCE_OFFSET)),
        key,
        value,
        new Rejection(
            RejectionReason.valueOf(text(headers, HEADER_REASON)),
            text(headers, HEADER_FIELD),
            text(headers, HEADER_DETAIL)),
        Instant.parse(text(headers, HEADER_REJECTED_AT)));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Map<String, byte[]> headers, String name) {
    byte[] value = headers.get(name);
    if (value == null) {
      throw new IllegalArgumentException("dead-letter record lacks header " + name);
    }
    return new String(value, StandardCharsets.UTF_8);
  }
}
