package io.telemetra.streaming.progress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * The offsets a Kafka source of a micro-batch covered, as Spark reports them in the batch's
 * progress ({@code {"topic":{"0":120,"1":98}}} for start and end). Offsets of the event topics are
 * contiguous (no compaction, no transactional producers), so the range holds exactly {@code end -
 * start} records per partition; a batch that read fewer lost the rest to Kafka (deleted before it
 * got to them).
 *
 * <p>A partition whose log was replaced (the topic deleted and created again, or the brokers are
 * another cluster) is read from the checkpoint's offset in the <em>new</em> log, or from the new
 * log's end if that is lower: the records the new log holds below that point are never read and are
 * counted as skipped. A partition whose end is below its start shows the replacement by itself; one
 * whose new log already reaches past the checkpoint's offset only by its topic's id, which the
 * caller passes as {@code replacedTopics}. (Before, the negative range of a partition that went
 * back was added to the others' and could hide their losses.)
 */
public final class KafkaOffsetRange {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * What a batch did not read of its range: {@code deleted}, records that left Kafka before it got
   * to them, and {@code skipped}, the records of replaced partitions ({@code replaced}, e.g.
   * "chat/0 went from 250 back to 12") below the point where Spark resumed.
   */
  public record Unread(long deleted, long skipped, List<String> replaced) {

    public long total() {
      return deleted + skipped;
    }
  }

  private KafkaOffsetRange() {}

  /**
   * What the batch did not read ({@link Unread}), or empty when it cannot be told (first batch
   * without a start, a partition new in this batch of a topic that was not replaced, or an
   * unreadable offset). {@code replacedTopics} are the topics whose log is not the one the start
   * offsets were taken from.
   */
  public static Optional<Unread> unread(
      String startJson, String endJson, long read, Set<String> replacedTopics) {
    try {
      JsonNode start = parse(startJson);
      JsonNode end = parse(endJson);
      if (start == null || end == null) {
        return Optional.empty();
      }
      long inRange = 0;
      long skipped = 0;
      List<String> replaced = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> topics = end.fields(); topics.hasNext(); ) {
        Map.Entry<String, JsonNode> topic = topics.next();
        boolean newLog = replacedTopics.contains(topic.getKey());
        for (Iterator<Map.Entry<String, JsonNode>> partitions = topic.getValue().fields();
            partitions.hasNext(); ) {
          Map.Entry<String, JsonNode> partition = partitions.next();
          String name = topic.getKey() + "/" + partition.getKey();
          JsonNode from = start.path(topic.getKey()).path(partition.getKey());
          if (!partition.getValue().canConvertToLong()) {
            return Optional.empty();
          }
          long last = partition.getValue().asLong();
          if (newLog && from.isMissingNode()) {
            // a partition the replaced topic did not have: Spark reads it from its beginning
            inRange += last;
            continue;
          }
          if (!from.canConvertToLong()) {
            return Optional.empty();
          }
          long first = from.asLong();
          if (newLog) {
            long resumedAt = Math.min(first, last);
            skipped += resumedAt;
            inRange += last - resumedAt;
            if (resumedAt > 0) {
              replaced.add(name + " (a new topic id; read from offset " + resumedAt + ")");
            }
          } else if (last < first) {
            skipped += last;
            replaced.add(name + " (went from " + first + " back to " + last + ")");
          } else {
            inRange += last - first;
          }
        }
      }
      return Optional.of(new Unread(Math.max(0, inRange - read), skipped, List.copyOf(replaced)));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** The topics of an offsets JSON ({@code {"topic":{"0":120}}}), empty when unreadable. */
  public static Set<String> topics(String json) {
    try {
      JsonNode offsets = parse(json);
      if (offsets == null) {
        return Set.of();
      }
      Set<String> topics = new TreeSet<>();
      offsets.fieldNames().forEachRemaining(topics::add);
      return topics;
    } catch (java.io.IOException e) {
      return Set.of();
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
