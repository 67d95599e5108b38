package io.telemetra.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Valid wire records of every type, and ways to break them, for the codec's tests. */
final class TestRecords {

  static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final ObjectMapper JSON = new ObjectMapper();

  /** The required fields of each type, in wire order. */
  static final Map<EventType, List<String>> REQUIRED_FIELDS =
      Map.of(
          EventType.CHAT,
          List.of("event_id", "stream_id", "ts", "user_id", "username", "message", "emotes"),
          EventType.VIEWER,
          List.of("event_id", "stream_id", "ts", "viewer_count"),
          EventType.TRANSACTION,
          List.of("event_id", "stream_id", "ts", "user_id", "type", "amount", "currency"),
          EventType.STREAM_META,
          List.of("event_id", "stream_id", "ts", "status", "title", "category", "streamer"));

  private TestRecords() {}

  /** A valid record of {@code type} as a mutable JSON object. */
  static ObjectNode valid(EventType type) {
    ObjectNode node = JSON.createObjectNode();
    node.put("event_id", "e-" + type.topicSuffix());
    node.put("stream_id", "stream-1");
    node.put("ts", "2026-11-27T09:59:30.123Z");
    switch (type) {
      case CHAT -> {
        node.put("user_id", "u-42");
        node.put("username", "pixel_fox");
        node.put("message", "what a play PogChamp");
        node.putArray("emotes").add("PogChamp");
      }
      case VIEWER -> node.put("viewer_count", 1234);
      case TRANSACTION -> {
        node.put("user_id", "u-7");
        node.put("type", "tip");
        node.put("amount", "4.99");
        node.put("currency", "USD");
      }
      case STREAM_META -> {
        node.put("status", "online");
        node.put("title", "Ranked grind");
        node.put("category", "Just Chatting");
        node.put("streamer", "pixel_fox");
      }
    }
    return node;
  }

  /**
   * A valid record of {@code type} with one field replaced by raw JSON text, spliced in verbatim
   * (so numbers keep exactly the digits written).
   */
  static byte[] withRaw(EventType type, String field, String rawJson) {
    ObjectNode node = valid(type);
    String placeholder = "@@raw@@";
    node.put(field, placeholder);
    String json = new String(bytes(node), StandardCharsets.UTF_8);
    return utf8(json.replace("\"" + placeholder + "\"", rawJson));
  }

  /** A valid record of {@code type} with one string field replaced. */
  static byte[] with(EventType type, String field, String value) {
    ObjectNode node = valid(type);
    node.put(field, value);
    return bytes(node);
  }

  static byte[] without(EventType type, String field) {
    ObjectNode node = valid(type);
    node.remove(field);
    return bytes(node);
  }

  static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code count} copies of a four-byte emoji: {@code count} code points, twice as many chars. */
  static String emoji(int count) {
    return "\uD83D\uDE00".repeat(count);
  }
}
