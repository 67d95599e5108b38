package io.telemetra.streaming.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The offsets a Kafka source of a micro-batch covered, as Spark reports them in the batch's
 * progress ({@code {"topic":{"0":120,"1":98}}} for start and end). Offsets of the event topics are
 * contiguous (no compaction, no transactional producers), so the range holds exactly {@code end -
 * start} records per partition; a batch that read fewer lost the rest to Kafka (deleted before it
 * got to them).
 */
public final class KafkaOffsetRange {

  private static final ObjectMapper JSON = new ObjectMapper();

  private KafkaOffsetRange() {}

  /**
   * How many records of the range the batch did not read: {@code sum(end - start) - read}, or empty
   * when it cannot be told (first batch without a start, a partition new in this batch, or an
   * unreadable offset).
   */
  public static OptionalLong unread(String startJson, String endJson, long read) {
    try {
      JsonNode start = parse(startJson);
      JsonNode end = parse(endJson);
      if (start == null || end == null) {
        return OptionalLong.empty();
      }
      long inRange = 0;
      for (Iterator<Map.Entry<String, JsonNode>> topics = end.fields(); topics.hasNext(); ) {
        Map.Entry<String, JsonNode> topic = topics.next();
        for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields();
            partitions.hasNext(); ) {
          Map.Entry<String, JsonNode> partition = partitions.next();
          JsonNode from = start.path(topic.getKey()).path(partition.getKey());
          if (!from.canConvertToLong() || !partition.getValue().canConvertToLong()) {
            return OptionalLong.empty();
          }
          inRange += partition.getValue().asLong() - from.asLong();
        }
      }
      return OptionalLong.of(Math.max(0, inRange - read));
    } catch (java.io.IOException e) {
      return OptionalLong.empty();
    }
  }

  private static JsonNode parse(String json) throws java.io.IOException {
    if (json == null || json.isBlank() || json.equals("null")) {
      return null;
    }
    JsonNode node = JSON.readTree(json);
    return node != null && node.isObject() ? node : null;
  }
}
