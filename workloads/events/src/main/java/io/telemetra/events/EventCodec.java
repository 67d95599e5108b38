package io.telemetra.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Encodes events to the JSON wire format and decodes records back, validating every field. A
 * rejected record gets a precise {@link Rejection}; decoding never throws on bad input.
 *
 * <p>Thread-safe. Timestamps more than {@link #MAX_CLOCK_SKEW} ahead of the codec's clock are
 * rejected, so one far-future event can never advance event time downstream. A consumer that knows
 * when each record reached Kafka bounds event time by the record's timestamp instead ({@link
 * #decode(Topics, String, byte[], Instant, Duration)}): the verdict is then the same whenever and
 * however often the record is decoded.
 */
public final class EventCodec {

  /** Longest chat message accepted, in characters (Unicode code points). */
  public static final int MAX_MESSAGE_LENGTH = 2000;

  /** Largest record accepted, in bytes. */
  public static final int MAX_RECORD_BYTES = 64 * 1024;

  /** How far ahead of the wall clock an event's ts may be. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  /** Longest id (event, stream, user), in characters (code points); matches the Postgres schema. */
  public static final int MAX_ID_LENGTH = 128;

  /** Longest free-text field other than the chat message (username, title, ...), in code points. */
  public static final int MAX_TEXT_LENGTH = 512;

  /** Most emotes in one chat message. */
  public static final int MAX_EMOTES = 200;

  /** Largest amount accepted, exclusive: 10^15 in any currency. */
  public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(15);

  /** Most decimal places of an amount. */
  public static final int MAX_AMOUNT_SCALE = 8;

  /** Largest viewer count accepted. */
  public static final long MAX_VIEWER_COUNT = 1_000_000_000L;

  /** The schema version this release writes; records may omit it or carry it. */
  public static final int SCHEMA_VERSION = 1;

  private static final DateTimeFormatter WIRE_TS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /**
   * RFC 3339 date-time: four-digit year, seconds required, optional fraction, {@code Z} or a
   * numeric offset.
   */
  private static final DateTimeFormatter RFC_3339 =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendValue(ChronoField.YEAR, 4)
          .appendLiteral('-')
          .appendValue(ChronoField.MONTH_OF_YEAR, 2)
          .appendLiteral('-')
          .appendValue(ChronoField.DAY_OF_MONTH, 2)
          .appendLiteral('T')
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendOffset("+HH:MM", "Z")
          .toFormatter()
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private static final Pattern DECIMAL_STRING = Pattern.compile("\\d{1,30}(\\.\\d{1,30})?");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
  private static final Set<String> CURRENCIES =
      Currency.getAvailableCurrencies().stream()
          .map(Currency::getCurrencyCode)
          .collect(Collectors.toUnmodifiableSet());

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Amounts keep the scale they were written with (4.990 stays 4.990).
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private final Clock clock;

  public EventCodec(Clock clock) {
    this.clock = clock;
  }

  /** A codec that checks timestamps against the system clock. */
  public static EventCodec withSystemClock() {
    return new EventCodec(Clock.systemUTC());
  }

  /** The wire form of an event timestamp: RFC 3339, UTC, milliseconds. */
  public static String formatTimestamp(Instant ts) {
    long second = ts.getEpochSecond();
    if (second < 0 || second >= LAST_FOUR_DIGIT_SECOND) {
      return WIRE_TS.format(ts);
    }
    // The producer formats every event's ts; this is several times faster than the formatter.
    var t = java.time.LocalDateTime.ofEpochSecond(second, ts.getNano(), ZoneOffset.UTC);
    char[] c = new char[24];
    digits(c, 0, t.getYear(), 4);
    c[4] = '-';
    digits(c, 5, t.getMonthValue(), 2);
    c[7] = '-';
    digits(c, 8, t.getDayOfMonth(), 2);
    c[10] = 'T';
    digits(c, 11, t.getHour(), 2);
    c[13] = ':';
    digits(c, 14, t.getMinute(), 2);
    c[16] = ':';
    digits(c, 17, t.getSecond(), 2);
    c[19] = '.';
    digits(c, 20, ts.getNano() / 1_000_000, 3);
    c[23] = 'Z';
    return new String(c);
  }

  /**
   * An RFC 3339 date-time to the millisecond (finer digits are dropped, as the contract's precision
   * is the millisecond).
   *
   * @throws DateTimeParseException when {@code value} is not RFC 3339 or not a valid date and time
   */
  static Instant parseTimestamp(String value) {
    // The form this codec writes, parsed by hand: the formatter was a third of decoding an event.
    // Anything else (offsets, other fractions, lower case, invalid fields) takes the formatter.
    if (value.length() == 24
        && value.charAt(4) == '-'
        && value.charAt(7) == '-'
        && value.charAt(10) == 'T'
        && value.charAt(13) == ':'
        && value.charAt(16) == ':'
        && value.charAt(19) == '.'
        && value.charAt(23) == 'Z') {
      int year = number(value, 0, 4);
      int month = number(value, 5, 2);
      int day = number(value, 8, 2);
      int hour = number(value, 11, 2);
      int minute = number(value, 14, 2);
      int second = number(value, 17, 2);
      int milli = number(value, 20, 3);
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= YearMonth.of(year, month).lengthOfMonth()
          && hour >= 0
          && hour <= 23
          && minute >= 0
          && minute <= 59
          && second >= 0
          && second <= 59
          && milli >= 0) {
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(
            days * 86_400 + hour * 3_600L + minute * 60L + second, milli * 1_000_000L);
      }
    }
    return parseTimestampWithFormatter(value);
  }

  /** {@link #parseTimestamp} without the fast path: every RFC 3339 form, and the reference. */
  static Instant parseTimestampWithFormatter(String value) {
    return RFC_3339.parse(value, Instant::from).truncatedTo(ChronoUnit.MILLIS);
  }

  /** The decimal number of {@code width} ASCII digits at {@code at}, or -1 if one is not. */
  private static int number(String s, int at, int width) {
    int n = 0;
    for (int i = at; i < at + width; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** 10000-01-01T00:00:00Z: from here on years have five digits. */
  private static final long LAST_FOUR_DIGIT_SECOND = 253_402_300_800L;

  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  // ---------------------------------------------------------------- encoding

  /** The event as UTF-8 JSON bytes, in the wire format of docs/events.md. */
  public byte[] encode(Event event) {
    var w =
        new WireJsonWriter()
            .field("event_id", event.eventId())
            .field("stream_id", event.streamId())
            .field("ts", formatTimestamp(event.ts()));
    if (event instanceof ChatEvent c) {
      w.field("user_id", c.userId())
          .field("username", c.username())
          .field("message", c.message())
          .field("emotes", c.emotes());
    } else if (event instanceof ViewerEvent v) {
      w.field("viewer_count", v.viewerCount());
    } else if (event instanceof TransactionEvent t) {
      w.field("user_id", t.userId())
          .field("type", t.transactionType().wireName())
          .field("amount", t.amount().toPlainString())
          .field("currency", t.currency());
    } else if (event instanceof StreamMetaEvent m) {
      w.field("status", m.status().wireName())
          .field("title", m.title())
          .field("category", m.category())
          .field("streamer", m.streamer());
    }
    return w.finish();
  }

  // ---------------------------------------------------------------- decoding

  /** Decodes a record from {@code topic} of pipeline {@code topics}. */
  public Decoded decode(Topics topics, String topic, byte[] value) {
    return decode(topics, topic, value, wallClockHorizon());
  }

  /**
   * Decodes a record from {@code topic} whose event time may be at most {@code maxAhead} past
   * {@code recordTimestamp}, the timestamp Kafka keeps with the record (and never more than {@link
   * #MAX_CLOCK_SKEW} past the clock). A record without a timestamp (null or before
   * 1970-01-01T00:00:00.001Z) is checked against the clock only.
   */
  public Decoded decode(
      Topics topics, String topic, byte[] value, Instant recordTimestamp, Duration maxAhead) {
    Horizon wallClock = wallClockHorizon();
    if (recordTimestamp == null || !recordTimestamp.isAfter(Instant.EPOCH)) {
      return decode(topics, topic, value, wallClock);
    }
    Instant latest = recordTimestamp.plus(maxAhead);
    return decode(
        topics,
        topic,
        value,
        latest.isBefore(wallClock.latest())
            ? new Horizon(
                latest,
                "more than "
                    + maxAhead.toMillis()
                    + " ms ahead of its Kafka record's timestamp "
                    + recordTimestamp)
            : wallClock);
  }

  /** The latest event time a decode accepts, and how a rejection explains it. */
  private record Horizon(Instant latest, String explanation) {}

  private Horizon wallClockHorizon() {
    return new Horizon(
        clock.instant().plus(MAX_CLOCK_SKEW),
        "more than " + MAX_CLOCK_SKEW.toMinutes() + " minutes ahead of the wall clock");
  }

  private Decoded decode(Topics topics, String topic, byte[] value, Horizon horizon) {
    return topics
        .typeOf(topic)
        .map(type -> decode(type, value, horizon))
        .orElseGet(
            () ->
                rejected(
                    RejectionReason.UNKNOWN_TOPIC,
                    "",
                    "topic '" + topic + "' carries no event type"));
  }

  /** Decodes a record of the given type. Never throws on bad input. */
  public Decoded decode(EventType type, byte[] value) {
    return decode(type, value, wallClockHorizon());
  }

  private Decoded decode(EventType type, byte[] value, Horizon horizon) {
    if (value == null) {
      return rejected(RejectionReason.INVALID_JSON, "", "record has no value (tombstone)");
    }
    if (value.length > MAX_RECORD_BYTES) {
      return rejected(
          RejectionReason.RECORD_TOO_LARGE,
          "",
          value.length + " bytes, limit is " + MAX_RECORD_BYTES);
    }
    // Jackson decodes overlong forms and encoded surrogates without complaint: check UTF-8 first.
    CharBuffer text = CharBuffer.allocate(value.length);
    ByteBuffer bytes = ByteBuffer.wrap(value);
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
    CoderResult result = utf8.decode(bytes, text, true);
    if (!result.isError()) {
      result = utf8.flush(text);
    }
    if (result.isError()) {
      return rejected(
          RejectionReason.INVALID_JSON, "", "not valid UTF-8 at byte offset " + bytes.position());
    }
    JsonNode root;
    JsonParser parser = null;
    try {
      parser = FACTORY.createParser(text.array(), 0, text.position());
      root = MAPPER.readTree(parser);
    } catch (IOException | RuntimeException e) {
      String detail = firstLine(e.getMessage());
      // Name the repeated key; other syntax errors concern the whole record.
      String field =
          parser != null && detail.startsWith("Duplicate field") ? currentName(parser) : "";
      return rejected(RejectionReason.INVALID_JSON, field, detail);
    } finally {
      closeQuietly(parser);
    }
    if (root == null || root.isMissingNode()) {
      return rejected(RejectionReason.INVALID_JSON, "", "empty document");
    }
    if (!root.isObject()) {
      return rejected(
          RejectionReason.NOT_AN_OBJECT,
          "",
          "expected a JSON object, got " + root.getNodeType().name().toLowerCase());
    }
    try {
      return new Decoded.Accepted(read(type, new Fields(root), horizon));
    } catch (RejectedException e) {
      return new Decoded.Rejected(e.rejection);
    }
  }

  private Event read(EventType type, Fields f, Horizon horizon) {
    f.schemaVersion();
    String eventId = f.id("event_id");
    String streamId = f.id("stream_id");
    Instant ts = f.timestamp("ts", horizon);
    return switch (type) {
      case CHAT ->
          new ChatEvent(
              eventId,
              streamId,
              ts,
              f.id("user_id"),
              f.text("username"),
              f.message("message"),
              f.emotes("emotes"));
      case VIEWER -> new ViewerEvent(eventId, streamId, ts, f.viewerCount("viewer_count"));
      case TRANSACTION ->
          new TransactionEvent(
              eventId,
              streamId,
              ts,
              f.id("user_id"),
              f.enumValue("type", TransactionType::fromWireName, TransactionType.values()),
              f.amount("amount"),
              f.currency("currency"));
      case STREAM_META ->
          new StreamMetaEvent(
              eventId,
              streamId,
              ts,
              f.enumValue("status", StreamStatus::fromWireName, StreamStatus.values()),
              f.text("title"),
              f.text("category"),
              f.text("streamer"));
    };
  }

  private static Decoded rejected(RejectionReason reason, String field, String detail) {
    return new Decoded.Rejected(new Rejection(reason, field, detail));
  }

  private static String currentName(JsonParser parser) {
    try {
      String name = parser.currentName();
      return name == null ? "" : name;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void closeQuietly(JsonParser parser) {
    if (parser == null) {
      return;
    }
    try {
      parser.close();
    } catch (IOException e) {
      // Parsing from memory: nothing to release.
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable JSON";
    }
    String line = message.lines().findFirst().orElse("unreadable JSON");
    return wellFormedText(line.length() > 200 ? line.substring(0, 200) : line);
  }

  /**
   * The text with every unpaired surrogate replaced by U+FFFD: Jackson quotes the offending char,
   * which may be half of an emoji, and a detail must survive UTF-8 (the dead-letter header).
   */
  private static String wellFormedText(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (paired) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (Character.isSurrogate(c)) {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        out.append('\uFFFD');
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }

  /** Thrown inside field readers; caught in {@link #decode}. */
  private static final class RejectedException extends RuntimeException {
    private final Rejection rejection;

    RejectedException(RejectionReason reason, String field, String detail) {
      super(null, null, false, false);
      this.rejection = new Rejection(reason, field, detail);
    }
  }

  /** Typed, validating access to the fields of one JSON object. */
  private static final class Fields {
    private final JsonNode root;

    Fields(JsonNode root) {
      this.root = root;
    }

    private JsonNode required(String name) {
      JsonNode node = root.get(name);
      if (node == null || node.isNull()) {
        throw new RejectedException(RejectionReason.MISSING_FIELD, name, "required field");
      }
      return node;
    }

    private String string(String name) {
      JsonNode node = required(name);
      if (!node.isTextual()) {
        throw wrongType(name, "a string", node);
      }
      String value = node.textValue();
      if (!wellFormed(value)) {
        throw new RejectedException(
            RejectionReason.INVALID_JSON, name, "contains an unpaired surrogate \\u escape");
      }
      return value;
    }

    /** Ids and short texts are stored in Postgres, whose text cannot hold U+0000 (NUL). */
    private static void rejectNul(String name, String value) {
      if (value.indexOf('\u0000') >= 0) {
        throw new RejectedException(
            RejectionReason.OUT_OF_RANGE, name, "contains U+0000 (NUL), which text cannot hold");
      }
    }

    private static boolean wellFormed(String value) {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return false;
        }
      }
      return true;
    }

    private static int codePoints(String value) {
      return value.codePointCount(0, value.length());
    }

    String id(String name) {
      String value = string(name);
      rejectNul(name, value);
      if (value.isBlank()) {
        throw new RejectedException(RejectionReason.OUT_OF_RANGE, name, "must not be blank");
      }
      if (codePoints(value) > MAX_ID_LENGTH) {
        throw new RejectedException(
            RejectionReason.OUT_OF_RANGE,
            name,
            codePoints(value) + " characters, limit is " + MAX_ID_LENGTH);
      }
      return value;
    }

    String text(String name) {
      String value = string(name);
      rejectNul(name, value);
      if (codePoints(value) > MAX_TEXT_LENGTH) {
        throw new RejectedException(
            RejectionReason.OUT_OF_RANGE,
            name,
            codePoints(value) + " characters, limit is " + MAX_TEXT_LENGTH);
      }
      return value;
    }

    String message(String name) {
      String value = string(name);
      int length = codePoints(value);
      if (length > MAX_MESSAGE_LENGTH) {
        throw new RejectedException(
            RejectionReason.MESSAGE_TOO_LONG,
            name,
            length + " characters, limit is " + MAX_MESSAGE_LENGTH);
      }
      return value;
    }

    List<String> emotes(String name) {
      JsonNode node = required(name);
      if (!node.isArray()) {
        throw wrongType(name, "an array of strings", node);
      }
      if (node.size() > MAX_EMOTES) {
        throw new RejectedException(
            RejectionReason.OUT_OF_RANGE, name, node.size() + " emotes, limit is " + MAX_EMOTES);
      }
      List<String> emotes = new ArrayList<>(node.size());
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        String itemName = name + "[" + i + "]";
        if (!item.isTextual()) {
          throw wrongType(itemName, "a string", item);
        }
        String emote = item.textValue();
        if (!wellFormed(emote)) {
          throw new RejectedException(
              RejectionReason.INVALID_JSON, itemName, "contains an unpaired surrogate \\u escape");
        }
        if (emote.isEmpty() || codePoints(emote) > MAX_ID_LENGTH) {
          throw new RejectedException(
              RejectionReason.OUT_OF_RANGE,
              itemName,
              "emote codes are 1-" + MAX_ID_LENGTH + " characters");
        }
        emotes.add(emote);
      }
      return emotes;
    }

    Instant timestamp(String name, Horizon horizon) {
      String value = string(name);
      Instant ts;
      try {
        ts = parseTimestamp(value);
      } catch (DateTimeParseException e) {
        throw new RejectedException(
            RejectionReason.INVALID_TIMESTAMP,
            name,
            "expected RFC 3339 such as 2026-11-27T10:15:30.123Z");
      }
      if (ts.isAfter(horizon.latest())) {
        throw new RejectedException(
            RejectionReason.TIMESTAMP_IN_FUTURE, name, horizon.explanation());
      }
      return ts;
    }

    long viewerCount(String name) {
      JsonNode node = required(name);
      if (!node.isIntegralNumber()) {
        throw wrongType(name, "an integer", node);
      }
      if (!node.canConvertToLong() || node.longValue() < 0 || node.longValue() > MAX_VIEWER_COUNT) {
        throw new RejectedException(
            RejectionReason.OUT_OF_RANGE, name, "must be between 0 and " + MAX_VIEWER_COUNT);
      }
      return node.longValue();
    }

    BigDecimal amount(String name) {
      JsonNode node = required(name);
      BigDecimal amount;
      if (node.isTextual()) {
        if (!DECIMAL_STRING.matcher(node.textValue()).matches()) {
          throw new RejectedException(
              RejectionReason.OUT_OF_RANGE,
              name,
              "a decimal string is digits with an optional fraction, e.g. \"4.99\"");
        }
        amount = new BigDecimal(node.textValue());
      } else if (node.isNumber()) {
        amount = node.decimalValue();
      } else {
        throw wrongType(name, "a decimal string or a number", node);
      }
      if (amount.signum() < 0) {
        throw new RejectedException(RejectionReason.OUT_OF_RANGE, name, "must not be negative");
      }
      if (amount.compareTo(MAX_AMOUNT) >= 0) {
        throw new RejectedException(
            RejectionReason.OUT_OF_RANGE, name, "must be less than " + MAX_AMOUNT.toPlainString());
      }
      if (amount.stripTrailingZeros().scale() > MAX_AMOUNT_SCALE) {
        throw new RejectedException(
            RejectionReason.OUT_OF_RANGE, name, "at most " + MAX_AMOUNT_SCALE + " decimal places");
      }
      // Same value, bounded form: 1e2 becomes 100 and 0e-999999999 becomes 0, never a scale
      // that would print a billion digits.
      if (amount.scale() > MAX_AMOUNT_SCALE) {
        amount = amount.stripTrailingZeros();
      }
      if (amount.scale() < 0) {
        amount = amount.setScale(0);
      }
      return amount;
    }

    String currency(String name) {
      String value = string(name);
      if (!CURRENCY_CODE.matcher(value).matches() || !CURRENCIES.contains(value)) {
        throw new RejectedException(
            RejectionReason.UNKNOWN_ENUM_VALUE, name, "not an ISO 4217 currency code");
      }
      return value;
    }

    <E extends Enum<E>> E enumValue(
        String name, java.util.function.Function<String, java.util.Optional<E>> parse, E[] all) {
      String value = string(name);
      return parse
          .apply(value)
          .orElseThrow(
              () ->
                  new RejectedException(
                      RejectionReason.UNKNOWN_ENUM_VALUE,
                      name,
                      "expected one of "
                          + java.util.Arrays.stream(all)
                              .map(e -> e.name().toLowerCase(java.util.Locale.ROOT))
                              .toList()));
    }

    void schemaVersion() {
      JsonNode node = root.get("schema_version");
      if (node == null || node.isNull()) {
        return;
      }
      if (!node.isIntegralNumber()) {
        throw wrongType("schema_version", "an integer", node);
      }
      // canConvertToInt first: a huge integer must not wrap around to 1.
      if (!node.canConvertToInt() || node.intValue() != SCHEMA_VERSION) {
        throw new RejectedException(
            RejectionReason.UNSUPPORTED_SCHEMA_VERSION,
            "schema_version",
            "this release reads schema_version " + SCHEMA_VERSION);
      }
    }

    private static RejectedException wrongType(String name, String expected, JsonNode got) {
      return new RejectedException(
          RejectionReason.WRONG_TYPE,
          name,
          "expected " + expected + ", got " + got.getNodeType().name().toLowerCase());
    }
  }
}
