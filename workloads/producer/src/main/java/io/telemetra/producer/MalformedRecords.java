package io.telemetra.producer;

import static io.telemetra.events.RejectionReason.INVALID_JSON;
import static io.telemetra.events.RejectionReason.INVALID_TIMESTAMP;
import static io.telemetra.events.RejectionReason.MESSAGE_TOO_LONG;
import static io.telemetra.events.RejectionReason.MISSING_FIELD;
import static io.telemetra.events.RejectionReason.NOT_AN_OBJECT;
import static io.telemetra.events.RejectionReason.OUT_OF_RANGE;
import static io.telemetra.events.RejectionReason.TIMESTAMP_IN_FUTURE;
import static io.telemetra.events.RejectionReason.UNKNOWN_ENUM_VALUE;
import static io.telemetra.events.RejectionReason.UNSUPPORTED_SCHEMA_VERSION;
import static io.telemetra.events.RejectionReason.WRONG_TYPE;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetra.events.Event;
import io.telemetra.events.EventCodec;
import io.telemetra.events.EventType;
import io.telemetra.events.RejectionReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The mistakes a buggy producer makes, one per {@link RejectionReason} a producer can cause: broken
 * JSON, a JSON value that is not an object, a missing field, a wrong type, a value out of range, an
 * unknown enum value, an overlong chat message, an unreadable or far-future timestamp, and a schema
 * version from the future. Each record is the encoding of a real event with exactly one such
 * mistake, so the codec must reject it for exactly that reason.
 */
final class MalformedRecords {

  /** The reasons a producer can cause; RECORD_TOO_LARGE and UNKNOWN_TOPIC are left out. */
  static final List<RejectionReason> PRODUCER_FAULTS =
      List.of(
          INVALID_JSON,
          NOT_AN_OBJECT,
          MISSING_FIELD,
          WRONG_TYPE,
          OUT_OF_RANGE,
          UNKNOWN_ENUM_VALUE,
          MESSAGE_TOO_LONG,
          INVALID_TIMESTAMP,
          TIMESTAMP_IN_FUTURE,
          UNSUPPORTED_SCHEMA_VERSION);

  /** How far ahead a far-future timestamp lies: a device clock set a century wrong. */
  static final Duration FAR_FUTURE = Duration.ofDays(36_525);

  private static final List<EventType> ANY_TYPE = List.of(EventType.values());
  private static final Map<RejectionReason, List<EventType>> TYPES_FOR =
      Map.of(
          UNKNOWN_ENUM_VALUE, List.of(EventType.TRANSACTION, EventType.STREAM_META),
          MESSAGE_TOO_LONG, List.of(EventType.CHAT));
  private static final Map<EventType, List<String>> FIELDS =
      Map.of(
          EventType.CHAT,
          List.of("event_id", "stream_id", "ts", "user_id", "username", "message", "emotes"),
          EventType.VIEWER,
          List.of("event_id", "stream_id", "ts", "viewer_count"),
          EventType.TRANSACTION,
          List.of("event_id", "stream_id", "ts", "user_id", "type", "amount", "currency"),
          EventType.STREAM_META,
          List.of("event_id", "stream_id", "ts", "status", "title", "category", "streamer"));
  private static final String COPYPASTA =
      "I have been watching this stream for three years and I have never seen anything like"
          + " that play, chat please clip it, this is history in the making PogChamp ";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventCodec codec;

  MalformedRecords(EventCodec codec) {
    this.codec = codec;
  }

  /** Which mistake to make, and on which type of event. */
  record Fault(RejectionReason reason, EventType type) {}

  Fault pickFault(RandomGenerator random) {
    RejectionReason reason = ChatVocabulary.pick(random, PRODUCER_FAULTS);
    EventType type = ChatVocabulary.pick(random, TYPES_FOR.getOrDefault(reason, ANY_TYPE));
    return new Fault(reason, type);
  }

  /** The encoding of {@code event} with the mistake of {@code fault}. */
  GeneratedRecord corrupt(Fault fault, Event event, RandomGenerator random) {
    byte[] valid = codec.encode(event);
    byte[] value =
        switch (fault.reason()) {
          case INVALID_JSON -> invalidJson(valid, random);
          case NOT_AN_OBJECT -> notAnObject(valid, random);
          default -> serialize(mutate(fault, tree(valid), event, random));
        };
    return new GeneratedRecord(fault.type(), event.streamId(), value, null, fault.reason(), false);
  }

  private static byte[] invalidJson(byte[] valid, RandomGenerator random) {
    String text = new String(valid, StandardCharsets.UTF_8);
    return switch (random.nextInt(5)) {
      case 0 -> java.util.Arrays.copyOf(valid, valid.length / 2); // cut off mid-record
      case 1 -> utf8(text + "}"); // trailing garbage
      case 2 -> utf8(text.replaceFirst("\"event_id\"", "event_id")); // unquoted key
      case 3 -> utf8(text.substring(0, text.length() - 1) + ",\"event_id\":\"again\"}"); // dup key
      default -> {
        // A Latin-1 byte where UTF-8 is required.
        var out = new ByteArrayOutputStream(valid.length + 1);
        out.write(valid, 0, valid.length - 1);
        out.writeBytes(utf8(",\"note\":\"caf"));
        out.write(0xE9);
        out.writeBytes(utf8("\"}"));
        yield out.toByteArray();
      }
    };
  }

  private static byte[] notAnObject(byte[] valid, RandomGenerator random) {
    String text = new String(valid, StandardCharsets.UTF_8);
    return switch (random.nextInt(3)) {
      case 0 -> utf8("[" + text + "]");
      case 1 -> {
        try {
          yield JSON.writeValueAsBytes(text); // the record as a JSON string
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      default -> utf8("null");
    };
  }

  private static ObjectNode mutate(
      Fault fault, ObjectNode node, Event event, RandomGenerator random) {
    EventType type = fault.type();
    switch (fault.reason()) {
      case MISSING_FIELD -> node.remove(ChatVocabulary.pick(random, FIELDS.get(type)));
      case WRONG_TYPE -> wrongType(node, type, random);
      case OUT_OF_RANGE -> outOfRange(node, type, random);
      case UNKNOWN_ENUM_VALUE -> {
        if (type == EventType.STREAM_META) {
          node.put("status", random.nextBoolean() ? "live" : "ONLINE");
        } else if (random.nextBoolean()) {
          node.put("type", ChatVocabulary.pick(random, List.of("donation", "cheer", "Tip")));
        } else {
          node.put("currency", ChatVocabulary.pick(random, List.of("DOGE", "usd", "ABC", "$")));
        }
      }
      case MESSAGE_TOO_LONG -> {
        int length = EventCodec.MAX_MESSAGE_LENGTH + 1 + random.nextInt(1000);
        node.put("message", COPYPASTA.repeat(length / COPYPASTA.length() + 1).substring(0, length));
      }
      case INVALID_TIMESTAMP -> {
        Instant ts = event.ts();
        node.put(
            "ts",
            switch (random.nextInt(3)) {
              case 0 -> Long.toString(ts.toEpochMilli());
              case 1 -> EventCodec.formatTimestamp(ts).replace('T', ' ').replace("Z", "");
              default -> "yesterday at noon";
            });
      }
      case TIMESTAMP_IN_FUTURE ->
          node.put("ts", EventCodec.formatTimestamp(event.ts().plus(FAR_FUTURE)));
      case UNSUPPORTED_SCHEMA_VERSION -> node.put("schema_version", 2 + random.nextInt(3));
      default -> throw new IllegalArgumentException("not a field mistake: " + fault);
    }
    return node;
  }

  private static void wrongType(ObjectNode node, EventType type, RandomGenerator random) {
    switch (random.nextInt(3)) {
      case 0 -> node.put("event_id", 1000 + random.nextInt(1000));
      case 1 -> node.put("ts", 1_764_238_530_123L);
      default -> {
        switch (type) {
          case CHAT -> node.put("emotes", "Kappa");
          case VIEWER -> node.put("viewer_count", Long.toString(node.get("viewer_count").asLong()));
          case TRANSACTION -> node.put("amount", true);
          case STREAM_META -> node.put("status", true);
        }
      }
    }
  }

  private static void outOfRange(ObjectNode node, EventType type, RandomGenerator random) {
    if (random.nextInt(3) == 0) {
      node.put("stream_id", "");
      return;
    }
    switch (type) {
      case CHAT -> node.put("user_id", "u".repeat(EventCodec.MAX_ID_LENGTH + 1));
      case VIEWER -> node.put("viewer_count", -1 - random.nextInt(100));
      case TRANSACTION -> node.put("amount", random.nextBoolean() ? "-4.99" : "0.000000001");
      case STREAM_META -> node.put("title", "x".repeat(EventCodec.MAX_TEXT_LENGTH + 1));
    }
  }

  private static ObjectNode tree(byte[] valid) {
    try {
      return (ObjectNode) JSON.readTree(valid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] serialize(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
