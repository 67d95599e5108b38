package io.telemetra.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of hostile wire records: valid events, semantics-preserving rewrites of them
 * (which must decode equal) and mutants (byte flips, truncations, type swaps, huge strings, deep
 * nesting, invalid UTF-8, NaN/Infinity, numbers as strings, nulls, ...), which may decode either
 * way but must never crash a decoder. The same seed always yields the same records.
 */
public final class RecordFuzzer {

  /** The ways a record is made; {@link #preservesMeaning()} ones must decode to the original. */
  public enum Mutation {
    VALID(true),
    REWRITTEN(true),
    BYTE_FLIP(false),
    TRUNCATED(false),
    INSERTED_BYTES(false),
    INVALID_UTF8(false),
    TYPE_SWAP(false),
    HUGE_STRING(false),
    DEEP_NESTING(false),
    FIELD_REMOVED(false),
    FIELD_NULL(false),
    DUPLICATE_FIELD(false),
    ODD_TIMESTAMP(false),
    NUMBER_EDGE(false),
    LONE_SURROGATE(false),
    NUL_CHAR(false),
    WRONG_TYPE_TOPIC(false),
    RANDOM_BYTES(false),
    RANDOM_JSON(false);

    private final boolean preservesMeaning;

    Mutation(boolean preservesMeaning) {
      this.preservesMeaning = preservesMeaning;
    }

    public boolean preservesMeaning() {
      return preservesMeaning;
    }
  }

  /**
   * One fuzzed record: the type it is decoded as, its bytes, how it was made, and the event it must
   * decode to when the mutation preserves meaning (else null).
   */
  public record Sample(EventType type, byte[] value, Mutation mutation, Event expected) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] WORDS = {
    "gg",
    "PogChamp",
    "lol",
    "hype",
    "🔥",
    "👍🏽",
    "é",
    "ß",
    "中文",
    "عربى",
    "\u200b",
    "a\tb",
    "\"q\"",
    "back\\slash",
    "<script>",
    "' OR 1=1 --",
    "\u0001",
    "😂😂",
    "𝕏",
    "e\u0301",
    "ǅ",
    "\r\n"
  };
  private static final String[] CURRENCIES = {"USD", "EUR", "JPY", "GBP", "BHD", "CLF", "XXX"};

  private final Random random;
  private final Instant now;
  private final Duration spread;
  private final EventCodec codec;
  private int nextId;

  /** Records for a decoder whose clock reads {@code now}, valid event times in the last day. */
  public RecordFuzzer(long seed, Instant now) {
    this(seed, now, Duration.ofDays(1));
  }

  /** Records whose valid event times lie within {@code spread} of {@code now}, either side. */
  public RecordFuzzer(long seed, Instant now, Duration spread) {
    this.random = new Random(seed);
    this.now = now;
    this.spread = spread;
    this.codec = new EventCodec(java.time.Clock.fixed(now, ZoneOffset.UTC));
  }

  /** The next record. */
  public Sample next() {
    Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
    Event event = validEvent();
    byte[] wire = codec.encode(event);
    EventType type = event.type();
    return switch (m) {
      case VALID -> new Sample(type, wire, m, event);
      case REWRITTEN -> new Sample(type, rewritten(event, wire), m, event);
      case BYTE_FLIP -> new Sample(type, flipped(wire), m, null);
      case TRUNCATED ->
          new Sample(type, java.util.Arrays.copyOf(wire, random.nextInt(wire.length)), m, null);
      case INSERTED_BYTES ->
          new Sample(type, inserted(wire, randomBytes(1 + random.nextInt(8))), m, null);
      case INVALID_UTF8 -> new Sample(type, inserted(wire, invalidUtf8()), m, null);
      case TYPE_SWAP ->
          new Sample(type, withField(wire, randomField(wire), randomJson(2)), m, null);
      case HUGE_STRING ->
          new Sample(
              type, withField(wire, randomField(wire), NODES.textNode(hugeString())), m, null);
      case DEEP_NESTING -> new Sample(type, deeplyNested(wire), m, null);
      case FIELD_REMOVED -> new Sample(type, withoutField(wire), m, null);
      case FIELD_NULL ->
          new Sample(type, withField(wire, randomField(wire), NODES.nullNode()), m, null);
      case DUPLICATE_FIELD -> new Sample(type, duplicated(wire), m, null);
      case ODD_TIMESTAMP ->
          new Sample(
              type, withField(wire, "ts", NODES.textNode(oddTimestamp(event.ts()))), m, null);
      case NUMBER_EDGE ->
          new Sample(type, withRaw(wire, numericField(type), numberEdge()), m, null);
      case LONE_SURROGATE ->
          new Sample(type, withRaw(wire, randomField(wire), "\"a\\ud800b\""), m, null);
      case NUL_CHAR ->
          new Sample(type, withRaw(wire, randomField(wire), "\"nul\\u0000\""), m, null);
      case WRONG_TYPE_TOPIC -> new Sample(otherType(type), wire, m, null);
      case RANDOM_BYTES -> new Sample(type, randomBytes(random.nextInt(200)), m, null);
      case RANDOM_JSON -> new Sample(type, bytes(randomJson(4)), m, null);
    };
  }

  // ------------------------------------------------------------------ valid events

  /** A random valid event of a random type at millisecond precision. */
  public Event validEvent() {
    String id = "e-" + (nextId++) + maybe(word());
    String stream = random.nextInt(10) == 0 ? "s-" + word() : "s-" + random.nextInt(20);
    Instant ts =
        now.minusMillis(random.nextInt((int) spread.toMillis()))
            .plusMillis(
                random.nextInt(4) == 0
                    ? random.nextInt((int) Math.min(299_000, spread.toMillis()))
                    : 0);
    return switch (random.nextInt(4)) {
      case 0 ->
          new ChatEvent(
              id,
              stream,
              ts,
              "u-" + random.nextInt(1000) + maybe(word()),
              text(40),
              text(150),
              emotes());
      case 1 ->
          new ViewerEvent(
              id,
              stream,
              ts,
              random.nextInt(3) == 0 ? EventCodec.MAX_VIEWER_COUNT : random.nextInt(100_000));
      case 2 ->
          new TransactionEvent(
              id,
              stream,
              ts,
              "u-" + random.nextInt(1000),
              TransactionType.values()[random.nextInt(TransactionType.values().length)],
              amount(),
              CURRENCIES[random.nextInt(CURRENCIES.length)]);
      default ->
          new StreamMetaEvent(
              id,
              stream,
              ts,
              StreamStatus.values()[random.nextInt(StreamStatus.values().length)],
              text(40),
              text(20),
              text(20));
    };
  }

  private BigDecimal amount() {
    return switch (random.nextInt(5)) {
      case 0 -> new BigDecimal("999999999999999.99999999");
      case 1 -> BigDecimal.ZERO;
      case 2 -> BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(9));
      default -> BigDecimal.valueOf(random.nextInt(10_000), 2);
    };
  }

  private List<String> emotes() {
    List<String> emotes = new ArrayList<>();
    int n = random.nextInt(10) == 0 ? EventCodec.MAX_EMOTES : random.nextInt(4);
    for (int i = 0; i < n; i++) {
      emotes.add(random.nextBoolean() ? "PogChamp" : "e" + word().strip() + "x");
    }
    return emotes;
  }

  private String text(int words) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(words + 1);
    for (int i = 0; i < n; i++) {
      s.append(word()).append(' ');
    }
    return s.toString();
  }

  private String word() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private String maybe(String s) {
    return random.nextInt(5) == 0 ? s : "";
  }

  // ------------------------------------------------------------------ meaning-preserving rewrites

  /** Same event: keys shuffled, unknown fields, schema_version 1, \\u escapes, offsets, spaces. */
  private byte[] rewritten(Event event, byte[] wire) {
    ObjectNode node = tree(wire);
    List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
    node.fields().forEachRemaining(fields::add);
    Collections.shuffle(fields, random);
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> f : fields) {
      out.set(f.getKey(), f.getValue());
    }
    if (random.nextBoolean()) {
      out.put("schema_version", 1);
    }
    if (random.nextBoolean()) {
      out.put("x_unknown_" + random.nextInt(100), text(3));
    }
    if (random.nextBoolean()) {
      // The same instant written with a numeric offset and nanosecond digits.
      int hours = random.nextInt(27) - 13;
      out.put(
          "ts",
          DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx")
              .format(event.ts().atOffset(ZoneOffset.ofHours(hours))));
    }
    if (event instanceof TransactionEvent t && random.nextBoolean()) {
      String raw = t.amount().toPlainString();
      return withRaw(bytes(out), "amount", raw);
    }
    String json = new String(bytes(out), StandardCharsets.UTF_8);
    if (random.nextBoolean()) {
      json = escapeNonAscii(json);
    }
    if (random.nextBoolean()) {
      json = " \n\t" + json.replace(",\"", " ,\r\n \"") + "\n ";
    }
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String escapeNonAscii(String json) {
    StringBuilder s = new StringBuilder(json.length());
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c > 0x7e) {
        s.append(String.format("\\u%04x", (int) c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  // ------------------------------------------------------------------ mutants

  private byte[] flipped(byte[] wire) {
    byte[] out = wire.clone();
    int flips = 1 + random.nextInt(3);
    for (int i = 0; i < flips; i++) {
      int at = random.nextInt(out.length);
      out[at] = (byte) (out[at] ^ (1 << random.nextInt(8)));
    }
    return out;
  }

  private byte[] inserted(byte[] wire, byte[] insert) {
    int at = random.nextInt(wire.length + 1);
    var out = new ByteArrayOutputStream(wire.length + insert.length);
    out.write(wire, 0, at);
    out.write(insert, 0, insert.length);
    out.write(wire, at, wire.length - at);
    return out.toByteArray();
  }

  private byte[] invalidUtf8() {
    byte[][] bad = {
      {(byte) 0xc0, (byte) 0x80}, // overlong NUL
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // encoded surrogate
      {(byte) 0xff},
      {(byte) 0xfe, (byte) 0xff},
      {(byte) 0xe2, (byte) 0x82}, // truncated sequence
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
      {(byte) 0x80}
    };
    return bad[random.nextInt(bad.length)];
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private String hugeString() {
    int[] lengths = {
      EventCodec.MAX_ID_LENGTH,
      EventCodec.MAX_ID_LENGTH + 1,
      EventCodec.MAX_TEXT_LENGTH,
      EventCodec.MAX_TEXT_LENGTH + 1,
      EventCodec.MAX_MESSAGE_LENGTH,
      EventCodec.MAX_MESSAGE_LENGTH + 1,
      70_000
    };
    int n = lengths[random.nextInt(lengths.length)];
    if (n == 70_000 && random.nextInt(10) != 0) {
      n = EventCodec.MAX_MESSAGE_LENGTH * 2;
    }
    String unit = random.nextBoolean() ? "x" : "😀";
    return unit.repeat(n);
  }

  private byte[] deeplyNested(byte[] wire) {
    int depth = random.nextBoolean() ? 50 + random.nextInt(500) : 1000 + random.nextInt(4000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    String raw = open.repeat(depth) + "1" + close.repeat(depth);
    return withRaw(wire, randomField(wire), raw);
  }

  private byte[] withoutField(byte[] wire) {
    ObjectNode node = tree(wire);
    node.remove(randomField(wire));
    return bytes(node);
  }

  private byte[] duplicated(byte[] wire) {
    String field = randomField(wire);
    String json = new String(wire, StandardCharsets.UTF_8);
    String dup = ",\"" + field + "\":" + randomJson(1).toString() + "}";
    return (json.substring(0, json.length() - 1) + dup).getBytes(StandardCharsets.UTF_8);
  }

  private String oddTimestamp(Instant ts) {
    String base = EventCodec.formatTimestamp(ts);
    String[] odd = {
      base.toLowerCase(),
      base.replace("Z", ""),
      base.replace("Z", "+00:00"),
      base.replace("Z", "-00:00"),
      base.replace("T", " "),
      base.substring(0, 19) + "Z",
      base.substring(0, 10),
      "0000-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999Z",
      "+10000-01-01T00:00:00Z",
      "2026-02-30T00:00:00Z",
      "2026-11-27T23:59:60Z",
      "2026-11-27T24:00:00Z",
      "2026-11-27T10:15:30.1234567891Z",
      EventCodec.formatTimestamp(now.plus(EventCodec.MAX_CLOCK_SKEW)),
      EventCodec.formatTimestamp(now.plus(EventCodec.MAX_CLOCK_SKEW).plusMillis(1)),
      String.valueOf(ts.toEpochMilli()),
      "",
      "NaN"
    };
    return odd[random.nextInt(odd.length)];
  }

  private String numberEdge() {
    String[] edges = {
      "NaN",
      "Infinity",
      "-Infinity",
      "\"NaN\"",
      "\"Infinity\"",
      "-0",
      "-0.0",
      "0e-999999999",
      "1e309",
      "1e-400",
      "9223372036854775808",
      "-9223372036854775809",
      "1e2",
      "1E+2",
      "01",
      "0x10",
      ".5",
      "5.",
      "+5",
      "\"4.99\"",
      "\"-1\"",
      "\"1e3\"",
      "\" 1\"",
      "4.999999999",
      "999999999999999.99999999",
      "1000000000000000",
      "1000000001",
      "1000000000",
      "12345678901234567890123456789012345678901234567890",
      "true",
      "null",
      "[]",
      "{}",
      "\"\"",
      "\"🔥\""
    };
    return edges[random.nextInt(edges.length)];
  }

  private static String numericField(EventType type) {
    return switch (type) {
      case VIEWER -> "viewer_count";
      case TRANSACTION -> "amount";
      default -> "schema_version";
    };
  }

  private EventType otherType(EventType type) {
    EventType[] all = EventType.values();
    return all[(type.ordinal() + 1 + random.nextInt(all.length - 1)) % all.length];
  }

  private JsonNode randomJson(int depth) {
    int kind = random.nextInt(depth > 0 ? 12 : 10);
    return switch (kind) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(random.nextDouble() * 1e6 - 5e5);
      case 4 -> NODES.numberNode(new BigDecimal("1e" + (random.nextInt(800) - 400)));
      case 5 -> NODES.textNode(String.valueOf(random.nextInt()));
      case 6 -> NODES.textNode(text(3));
      case 7 -> NODES.textNode("");
      case 8 -> NODES.textNode("x".repeat(EventCodec.MAX_ID_LENGTH + 1));
      case 9 -> NODES.numberNode(random.nextInt(3) - 1);
      case 10 -> {
        ArrayNode a = NODES.arrayNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          a.add(randomJson(depth - 1));
        }
        yield a;
      }
      default -> {
        ObjectNode o = NODES.objectNode();
        for (int i = random.nextInt(4); i > 0; i--) {
          o.set(
              random.nextBoolean() ? randomKnownField() : "k" + random.nextInt(5),
              randomJson(depth - 1));
        }
        yield o;
      }
    };
  }

  private String randomKnownField() {
    String[] known = {
      "event_id", "stream_id", "ts", "user_id", "username", "message", "emotes", "viewer_count",
      "type", "amount", "currency", "status", "title", "category", "streamer", "schema_version"
    };
    return known[random.nextInt(known.length)];
  }

  // ------------------------------------------------------------------ JSON helpers

  private String randomField(byte[] wire) {
    ObjectNode node = tree(wire);
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    if (random.nextInt(10) == 0) {
      return "schema_version";
    }
    return names.get(random.nextInt(names.size()));
  }

  private static byte[] withField(byte[] wire, String field, JsonNode value) {
    ObjectNode node = tree(wire);
    node.set(field, value);
    return bytes(node);
  }

  /** Replaces (or adds) {@code field} with raw JSON text spliced in verbatim. */
  private static byte[] withRaw(byte[] wire, String field, String raw) {
    ObjectNode node = tree(wire);
    String placeholder = "@@raw-7f3c@@";
    node.put(field, placeholder);
    String json = new String(bytes(node), StandardCharsets.UTF_8);
    return json.replace("\"" + placeholder + "\"", raw).getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode tree(byte[] wire) {
    try {
      return (ObjectNode) JSON.readTree(wire);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("the codec's own output must parse", e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
