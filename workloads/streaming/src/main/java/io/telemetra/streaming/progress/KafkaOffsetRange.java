package io.telemetra.streaming.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The offsets a Kafka source of a micro-batch covered, as Spark reports them in the batch's
 * progress ({@code {"topic":{"0":120,"1":98}}} for start and end). Offsets of the event topics are
 * contiguous (no compaction, no transactional producers), so the range holds exactly {@code end -
 * start} records per partition; a batch that read fewer lost the rest to Kafka (deleted before it
 * got to them).
 *
 * <p>A partition whose end is <em>below</em> its start went back: its log was replaced (the topic
 * deleted and created again, or the brokers are another cluster). Spark then drops the partition
 * from the batch and resumes at the new end, so the records the new log held below that end are
 * never read; they are counted as skipped. (Before, the negative range of such a partition was
 * added to the others' and could hide their losses.)
 */
public final class KafkaOffsetRange {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a batch did not read of its range: {@code deleted}, records that left Kafka before it got
   * to them, and {@code skipped}, the records of replaced partitions ({@code rewound}, e.g. "chat/0
   * went from 250 back to 12") below the point where Spark resumed.
   */
  public record Unread(long deleted, long skipped, List<String> rewound) {

    public long total() {
      return deleted + skipped;
    }
  }

  private KafkaOffsetRange() {}

  /**
   * What the batch did not read ({@link Unread}), or empty when it cannot be told (first batch
   * without a start, a partition new in this batch, or an unreadable offset).
   */
  public static Optional<Unread> unread(String startJson, String endJson, long read) {
    try {
      JsonNode start = parse(startJson);
      JsonNode end = parse(endJson);
      if (start == null || end == null) {
        return Optional.empty();
      }
      long inRange = 0;
      long skipped = 0;
      List<String> rewound = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> topics = end.fields(); topics.hasNext(); ) {
        Map.Entry<String, JsonNode> topic = topics.next();
        for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields();
            partitions.hasNext(); ) {
          Map.Entry<String, JsonNode> partition = partitions.next();
          JsonNode from = start.path(topic.getKey()).path(partition.getKey());
          if (!from.canConvertToLong() || !partition.getValue().canConvertToLong()) {
            return Optional.empty();
          }
          long first = from.asLong();
          long last = partition.getValue().asLong();
          if (last < first) {
            skipped += last;
            rewound.add(
                topic.getKey()
                    + "/"
                    + partition.getKey()
                    + " went from "
                    + first
                    + " back to "
                    + last);
          } else {
            inRange += last - first;
          }
        }
      }
      return Optional.of(new Unread(Math.max(0, inRange - read), skipped, List.copyOf(rewound)));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The sum of the offsets in {@code json} ({@code {"topic":{"0":120,"1":98}}}): for a batch's end
   * offsets, every record up to where the query has read; empty when unreadable.
   */
  public static OptionalLong sum(String json) {
    try {
      JsonNode offsets = parse(json);
      if (offsets == null) {
        return OptionalLong.empty();
      }
      long sum = 0;
      for (JsonNode topic : offsets) {
        for (JsonNode offset : topic) {
          if (!offset.canConvertToLong()) {
            return OptionalLong.empty();
          }
          sum += offset.asLong();
        }
      }
      return OptionalLong.of(sum);
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
