package io.telemetra.events;

import static io.telemetra.events.EventType.CHAT;
import static io.telemetra.events.EventType.STREAM_META;
import static io.telemetra.events.EventType.TRANSACTION;
import static io.telemetra.events.EventType.VIEWER;
import static io.telemetra.events.RejectionReason.INVALID_JSON;
import static io.telemetra.events.RejectionReason.INVALID_TIMESTAMP;
import static io.telemetra.events.RejectionReason.MESSAGE_TOO_LONG;
import static io.telemetra.events.RejectionReason.MISSING_FIELD;
import static io.telemetra.events.RejectionReason.NOT_AN_OBJECT;
import static io.telemetra.events.RejectionReason.OUT_OF_RANGE;
import static io.telemetra.events.RejectionReason.RECORD_TOO_LARGE;
import static io.telemetra.events.RejectionReason.TIMESTAMP_IN_FUTURE;
import static io.telemetra.events.RejectionReason.UNKNOWN_ENUM_VALUE;
import static io.telemetra.events.RejectionReason.UNSUPPORTED_SCHEMA_VERSION;
import static io.telemetra.events.RejectionReason.WRONG_TYPE;
import static io.telemetra.events.TestRecords.CLOCK;
import static io.telemetra.events.TestRecords.NOW;
import static io.telemetra.events.TestRecords.bytes;
import static io.telemetra.events.TestRecords.emoji;
import static io.telemetra.events.TestRecords.utf8;
import static io.telemetra.events.TestRecords.valid;
import static io.telemetra.events.TestRecords.with;
import static io.telemetra.events.TestRecords.withRaw;
import static io.telemetra.events.TestRecords.without;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecRejectionTest {

  private final EventCodec codec = new EventCodec(CLOCK);

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedRecords")
  void rejectsTheRecordWithThePreciseReasonAndField(
      String shape, EventType type, byte[] value, RejectionReason reason, String field) {
    Decoded decoded = codec.decode(type, value);

    assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
    assertThat(decoded.isAccepted()).isFalse();
    Rejection rejection = ((Decoded.Rejected) decoded).rejection();
    assertThat(rejection.reason()).as(rejection.toString()).isEqualTo(reason);
    assertThat(rejection.field()).as(rejection.toString()).isEqualTo(field);
    assertThat(rejection.detail()).isNotBlank();
  }

  @ParameterizedTest(name = "{0} is rejected as MISSING_FIELD {2} when absent")
  @MethodSource("requiredFields")
  void rejectsARecordLackingARequiredField(String shape, EventType type, String field) {
    Rejection rejection = rejection(type, without(type, field));

    assertThat(rejection.reason()).isEqualTo(MISSING_FIELD);
    assertThat(rejection.field()).isEqualTo(field);
  }

  @ParameterizedTest(name = "{0} is rejected as MISSING_FIELD {2} when null")
  @MethodSource("requiredFields")
  void treatsANullFieldAsMissing(String shape, EventType type, String field) {
    Rejection rejection = rejection(type, withRaw(type, field, "null"));

    assertThat(rejection.reason()).isEqualTo(MISSING_FIELD);
    assertThat(rejection.field()).isEqualTo(field);
  }

  @Test
  void everyReasonAProducerCanCauseIsCoveredByTheCases() {
    Set<RejectionReason> covered =
        rejectedRecords()
            .map(arguments -> (RejectionReason) arguments.get()[3])
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(RejectionReason.class)));
    covered.add(MISSING_FIELD);
    covered.add(RejectionReason.UNKNOWN_TOPIC); // EventCodecTopicTest

    assertThat(covered).containsExactlyInAnyOrder(RejectionReason.values());
  }

  @Test
  void aRecordOfExactlyTheSizeLimitIsAccepted() {
    byte[] value = padded(VIEWER, EventCodec.MAX_RECORD_BYTES);

    assertThat(value).hasSize(EventCodec.MAX_RECORD_BYTES);
    assertThat(codec.decode(VIEWER, value).isAccepted()).isTrue();
  }

  @Test
  void aRecordOneByteOverTheSizeLimitIsRejectedBeforeParsing() {
    byte[] value = padded(VIEWER, EventCodec.MAX_RECORD_BYTES + 1);

    Rejection rejection = rejection(VIEWER, value);

    assertThat(rejection.reason()).isEqualTo(RECORD_TOO_LARGE);
    assertThat(rejection.detail()).contains(String.valueOf(EventCodec.MAX_RECORD_BYTES + 1));
  }

  @Test
  void theDetailNeverRepeatsAnOverlongValue() {
    String message = "spam ".repeat(1000);

    Rejection rejection = rejection(CHAT, with(CHAT, "message", message));

    assertThat(rejection.reason()).isEqualTo(MESSAGE_TOO_LONG);
    assertThat(rejection.detail()).doesNotContain("spam").contains("5000");
  }

  @Test
  void decodingNeverThrowsOnMutatedRecords() {
    var random = new java.util.Random(7);
    for (EventType type : EventType.values()) {
      byte[] original = bytes(valid(type));
      for (int i = 0; i < 2_000; i++) {
        byte[] mutated = Arrays.copyOf(original, original.length);
        int flips = 1 + random.nextInt(3);
        for (int f = 0; f < flips; f++) {
          mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
        }
        byte[] cut = Arrays.copyOf(mutated, random.nextInt(mutated.length + 1));
        assertThat(codec.decode(type, mutated)).isNotNull();
        assertThat(codec.decode(type, cut)).isNotNull();
      }
    }
  }

  private Rejection rejection(EventType type, byte[] value) {
    Decoded decoded = codec.decode(type, value);
    assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
    return ((Decoded.Rejected) decoded).rejection();
  }

  /** A valid record padded with an ignored field to exactly {@code size} bytes. */
  private static byte[] padded(EventType type, int size) {
    ObjectNode node = valid(type);
    node.put("padding", "");
    int missing = size - bytes(node).length;
    node.put("padding", "x".repeat(missing));
    return bytes(node);
  }

  static Stream<Arguments> requiredFields() {
    return Arrays.stream(EventType.values())
        .flatMap(
            type ->
                TestRecords.REQUIRED_FIELDS.get(type).stream()
                    .map(field -> Arguments.of(type.topicSuffix(), type, field)));
  }

  static Stream<Arguments> rejectedRecords() {
    String valid = new String(bytes(valid(VIEWER)), StandardCharsets.UTF_8);
    String fieldsOnly = valid.substring(1, valid.length() - 1);
    return Stream.of(
        // Not one well-formed UTF-8 JSON document.
        reject("a tombstone (null value)", VIEWER, null, INVALID_JSON, ""),
        reject("empty bytes", VIEWER, new byte[0], INVALID_JSON, ""),
        reject("only whitespace", VIEWER, utf8("  \n "), INVALID_JSON, ""),
        reject("plain text", VIEWER, utf8("hello"), INVALID_JSON, ""),
        reject("a truncated object", VIEWER, utf8(valid.substring(0, 30)), INVALID_JSON, ""),
        reject("trailing garbage", VIEWER, utf8(valid + " x"), INVALID_JSON, ""),
        reject("two documents", VIEWER, utf8(valid + valid), INVALID_JSON, ""),
        reject("a trailing comma", VIEWER, utf8("{" + fieldsOnly + ",}"), INVALID_JSON, ""),
        reject("single quotes", VIEWER, utf8(valid.replace('"', '\'')), INVALID_JSON, ""),
        reject(
            "a duplicate key",
            VIEWER,
            utf8("{" + fieldsOnly + ",\"event_id\":\"again\"}"),
            INVALID_JSON,
            "event_id"),
        reject(
            "a duplicate ignored key",
            VIEWER,
            utf8("{" + fieldsOnly + ",\"x\":1,\"x\":2}"),
            INVALID_JSON,
            "x"),
        reject("an invalid UTF-8 byte", VIEWER, withBytes(valid, 0xFF), INVALID_JSON, ""),
        reject(
            "an overlong UTF-8 encoding", VIEWER, withBytes(valid, 0xC0, 0x80), INVALID_JSON, ""),
        reject(
            "a UTF-8 encoded surrogate",
            VIEWER,
            withBytes(valid, 0xED, 0xA0, 0x80),
            INVALID_JSON,
            ""),
        reject("a lone continuation byte", VIEWER, withBytes(valid, 0x80), INVALID_JSON, ""),
        reject(
            "a truncated multi-byte sequence",
            VIEWER,
            concat(utf8(valid), new byte[] {(byte) 0xE2, (byte) 0x82}),
            INVALID_JSON,
            ""),
        reject(
            "an unpaired surrogate escape in the message",
            CHAT,
            utf8(
                new String(bytes(valid(CHAT)), StandardCharsets.UTF_8)
                    .replace("what a play", "what a \\ud83d play")),
            INVALID_JSON,
            "message"),
        reject(
            "a nesting deeper than the parser allows",
            VIEWER,
            utf8("{" + fieldsOnly + ",\"x\":" + "[".repeat(2000) + "]".repeat(2000) + "}"),
            INVALID_JSON,
            ""),
        // Well-formed JSON, but not an object.
        reject("an array", VIEWER, utf8("[" + valid + "]"), NOT_AN_OBJECT, ""),
        reject("a string", VIEWER, utf8("\"" + "event" + "\""), NOT_AN_OBJECT, ""),
        reject("a number", VIEWER, utf8("42"), NOT_AN_OBJECT, ""),
        reject("a boolean", VIEWER, utf8("true"), NOT_AN_OBJECT, ""),
        reject("the null literal", VIEWER, utf8("null"), NOT_AN_OBJECT, ""),
        // Wrong JSON types.
        reject(
            "a numeric event_id",
            VIEWER,
            withRaw(VIEWER, "event_id", "17"),
            WRONG_TYPE,
            "event_id"),
        reject(
            "an object stream_id",
            VIEWER,
            withRaw(VIEWER, "stream_id", "{}"),
            WRONG_TYPE,
            "stream_id"),
        reject(
            "epoch millis as ts", VIEWER, withRaw(VIEWER, "ts", "1764237570123"), WRONG_TYPE, "ts"),
        reject(
            "viewer_count as a string",
            VIEWER,
            withRaw(VIEWER, "viewer_count", "\"5\""),
            WRONG_TYPE,
            "viewer_count"),
        reject(
            "a fractional viewer_count",
            VIEWER,
            withRaw(VIEWER, "viewer_count", "5.5"),
            WRONG_TYPE,
            "viewer_count"),
        reject(
            "a boolean viewer_count",
            VIEWER,
            withRaw(VIEWER, "viewer_count", "true"),
            WRONG_TYPE,
            "viewer_count"),
        reject("a numeric message", CHAT, withRaw(CHAT, "message", "1"), WRONG_TYPE, "message"),
        reject(
            "an array username",
            CHAT,
            withRaw(CHAT, "username", "[\"a\"]"),
            WRONG_TYPE,
            "username"),
        reject("a numeric user_id", CHAT, withRaw(CHAT, "user_id", "42"), WRONG_TYPE, "user_id"),
        reject(
            "emotes as a string", CHAT, withRaw(CHAT, "emotes", "\"Kappa\""), WRONG_TYPE, "emotes"),
        reject("emotes as an object", CHAT, withRaw(CHAT, "emotes", "{}"), WRONG_TYPE, "emotes"),
        reject(
            "a number among the emotes",
            CHAT,
            withRaw(CHAT, "emotes", "[\"Kappa\", 1]"),
            WRONG_TYPE,
            "emotes[1]"),
        reject(
            "a null among the emotes",
            CHAT,
            withRaw(CHAT, "emotes", "[null]"),
            WRONG_TYPE,
            "emotes[0]"),
        reject(
            "a nested array among the emotes",
            CHAT,
            withRaw(CHAT, "emotes", "[[\"Kappa\"]]"),
            WRONG_TYPE,
            "emotes[0]"),
        reject(
            "a boolean amount",
            TRANSACTION,
            withRaw(TRANSACTION, "amount", "true"),
            WRONG_TYPE,
            "amount"),
        reject(
            "an array amount",
            TRANSACTION,
            withRaw(TRANSACTION, "amount", "[4.99]"),
            WRONG_TYPE,
            "amount"),
        reject(
            "a numeric currency",
            TRANSACTION,
            withRaw(TRANSACTION, "currency", "840"),
            WRONG_TYPE,
            "currency"),
        reject(
            "a numeric transaction type",
            TRANSACTION,
            withRaw(TRANSACTION, "type", "1"),
            WRONG_TYPE,
            "type"),
        reject(
            "a boolean status",
            STREAM_META,
            withRaw(STREAM_META, "status", "true"),
            WRONG_TYPE,
            "status"),
        reject(
            "a numeric title",
            STREAM_META,
            withRaw(STREAM_META, "title", "3"),
            WRONG_TYPE,
            "title"),
        reject(
            "schema_version as a string",
            VIEWER,
            withRaw(VIEWER, "schema_version", "\"1\""),
            WRONG_TYPE,
            "schema_version"),
        reject(
            "a fractional schema_version",
            VIEWER,
            withRaw(VIEWER, "schema_version", "1.0"),
            WRONG_TYPE,
            "schema_version"),
        // Out of range.
        reject("an empty event_id", VIEWER, with(VIEWER, "event_id", ""), OUT_OF_RANGE, "event_id"),
        reject(
            "a blank stream_id",
            VIEWER,
            with(VIEWER, "stream_id", "  "),
            OUT_OF_RANGE,
            "stream_id"),
        reject(
            "an event_id of 129 characters",
            VIEWER,
            with(VIEWER, "event_id", emoji(129)),
            OUT_OF_RANGE,
            "event_id"),
        reject(
            "a user_id of 129 characters",
            TRANSACTION,
            with(TRANSACTION, "user_id", "u".repeat(129)),
            OUT_OF_RANGE,
            "user_id"),
        reject(
            "a title of 513 characters",
            STREAM_META,
            with(STREAM_META, "title", emoji(513)),
            OUT_OF_RANGE,
            "title"),
        reject(
            "a username of 513 characters",
            CHAT,
            with(CHAT, "username", "n".repeat(513)),
            OUT_OF_RANGE,
            "username"),
        reject(
            "a negative viewer_count",
            VIEWER,
            withRaw(VIEWER, "viewer_count", "-1"),
            OUT_OF_RANGE,
            "viewer_count"),
        reject(
            "a viewer_count above one billion",
            VIEWER,
            withRaw(VIEWER, "viewer_count", "1000000001"),
            OUT_OF_RANGE,
            "viewer_count"),
        reject(
            "a viewer_count beyond 64 bits",
            VIEWER,
            withRaw(VIEWER, "viewer_count", "100000000000000000000000000000"),
            OUT_OF_RANGE,
            "viewer_count"),
        reject(
            "201 emotes",
            CHAT,
            withRaw(CHAT, "emotes", "[" + "\"Kappa\",".repeat(200) + "\"Kappa\"]"),
            OUT_OF_RANGE,
            "emotes"),
        reject(
            "an empty emote",
            CHAT,
            withRaw(CHAT, "emotes", "[\"Kappa\",\"\"]"),
            OUT_OF_RANGE,
            "emotes[1]"),
        reject(
            "an emote of 129 characters",
            CHAT,
            withRaw(CHAT, "emotes", "[\"" + "K".repeat(129) + "\"]"),
            OUT_OF_RANGE,
            "emotes[0]"),
        reject(
            "a negative number amount",
            TRANSACTION,
            withRaw(TRANSACTION, "amount", "-0.01"),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "a negative string amount",
            TRANSACTION,
            with(TRANSACTION, "amount", "-5"),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "an empty string amount",
            TRANSACTION,
            with(TRANSACTION, "amount", ""),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "a word as amount",
            TRANSACTION,
            with(TRANSACTION, "amount", "ten"),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "an exponent inside a string amount",
            TRANSACTION,
            with(TRANSACTION, "amount", "1e2"),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "a thousands separator in a string amount",
            TRANSACTION,
            with(TRANSACTION, "amount", "1,000.00"),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "a string amount with a leading dot",
            TRANSACTION,
            with(TRANSACTION, "amount", ".5"),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "an amount of 10^15 as a string",
            TRANSACTION,
            with(TRANSACTION, "amount", "1000000000000000"),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "an amount of 10^15 as a number",
            TRANSACTION,
            withRaw(TRANSACTION, "amount", "1e15"),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "a number amount with nine decimals (1e-9)",
            TRANSACTION,
            withRaw(TRANSACTION, "amount", "1e-9"),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "a string amount with nine decimals",
            TRANSACTION,
            with(TRANSACTION, "amount", "0.000000001"),
            OUT_OF_RANGE,
            "amount"),
        reject(
            "a NaN-like amount",
            TRANSACTION,
            with(TRANSACTION, "amount", "NaN"),
            OUT_OF_RANGE,
            "amount"),
        // Not one of the allowed values.
        reject(
            "an unknown transaction type",
            TRANSACTION,
            with(TRANSACTION, "type", "donation"),
            UNKNOWN_ENUM_VALUE,
            "type"),
        reject(
            "an upper-case transaction type",
            TRANSACTION,
            with(TRANSACTION, "type", "TIP"),
            UNKNOWN_ENUM_VALUE,
            "type"),
        reject(
            "an unknown status",
            STREAM_META,
            with(STREAM_META, "status", "live"),
            UNKNOWN_ENUM_VALUE,
            "status"),
        reject(
            "a lower-case currency",
            TRANSACTION,
            with(TRANSACTION, "currency", "usd"),
            UNKNOWN_ENUM_VALUE,
            "currency"),
        reject(
            "a made-up currency",
            TRANSACTION,
            with(TRANSACTION, "currency", "XYZ"),
            UNKNOWN_ENUM_VALUE,
            "currency"),
        reject(
            "a currency symbol",
            TRANSACTION,
            with(TRANSACTION, "currency", "$"),
            UNKNOWN_ENUM_VALUE,
            "currency"),
        reject(
            "an empty currency",
            TRANSACTION,
            with(TRANSACTION, "currency", ""),
            UNKNOWN_ENUM_VALUE,
            "currency"),
        // Chat message length, counted in code points.
        reject(
            "a message of 2001 emoji",
            CHAT,
            with(CHAT, "message", emoji(2001)),
            MESSAGE_TOO_LONG,
            "message"),
        reject(
            "a message of 2001 letters",
            CHAT,
            with(CHAT, "message", "a".repeat(2001)),
            MESSAGE_TOO_LONG,
            "message"),
        // Timestamps.
        reject("a word as ts", VIEWER, with(VIEWER, "ts", "yesterday"), INVALID_TIMESTAMP, "ts"),
        reject("an empty ts", VIEWER, with(VIEWER, "ts", ""), INVALID_TIMESTAMP, "ts"),
        reject(
            "a ts without an offset",
            VIEWER,
            with(VIEWER, "ts", "2026-11-27T09:59:30.123"),
            INVALID_TIMESTAMP,
            "ts"),
        reject(
            "a ts without seconds",
            VIEWER,
            with(VIEWER, "ts", "2026-11-27T09:59Z"),
            INVALID_TIMESTAMP,
            "ts"),
        reject("a date only", VIEWER, with(VIEWER, "ts", "2026-11-27"), INVALID_TIMESTAMP, "ts"),
        reject(
            "a ts with a space for T",
            VIEWER,
            with(VIEWER, "ts", "2026-11-27 09:59:30Z"),
            INVALID_TIMESTAMP,
            "ts"),
        reject(
            "a ts with a compact offset",
            VIEWER,
            with(VIEWER, "ts", "2026-11-27T09:59:30+0200"),
            INVALID_TIMESTAMP,
            "ts"),
        reject(
            "a ts on 30 February",
            VIEWER,
            with(VIEWER, "ts", "2026-02-30T10:00:00Z"),
            INVALID_TIMESTAMP,
            "ts"),
        reject(
            "a ts in month 13",
            VIEWER,
            with(VIEWER, "ts", "2026-13-01T10:00:00Z"),
            INVALID_TIMESTAMP,
            "ts"),
        reject(
            "a ts at hour 24",
            VIEWER,
            with(VIEWER, "ts", "2026-11-27T24:00:00Z"),
            INVALID_TIMESTAMP,
            "ts"),
        reject(
            "a ts with ten fraction digits",
            VIEWER,
            with(VIEWER, "ts", "2026-11-27T09:59:30.1234567890Z"),
            INVALID_TIMESTAMP,
            "ts"),
        reject(
            "a ts with a five-digit year",
            VIEWER,
            with(VIEWER, "ts", "+12026-11-27T09:59:30Z"),
            INVALID_TIMESTAMP,
            "ts"),
        reject(
            "a ts 5 minutes and 1 ms ahead of the clock",
            VIEWER,
            with(VIEWER, "ts", ts(Duration.ofMinutes(5).plusMillis(1))),
            TIMESTAMP_IN_FUTURE,
            "ts"),
        reject(
            "a ts one day ahead of the clock",
            CHAT,
            with(CHAT, "ts", ts(Duration.ofDays(1))),
            TIMESTAMP_IN_FUTURE,
            "ts"),
        reject(
            "a ts in the year 9999",
            TRANSACTION,
            with(TRANSACTION, "ts", "9999-12-31T23:59:59.999Z"),
            TIMESTAMP_IN_FUTURE,
            "ts"),
        reject(
            "a future ts written with another offset",
            STREAM_META,
            with(STREAM_META, "ts", "2026-11-27T12:06:00.000+02:00"),
            TIMESTAMP_IN_FUTURE,
            "ts"),
        // Schema versions this release does not read.
        reject(
            "schema_version 2",
            VIEWER,
            withRaw(VIEWER, "schema_version", "2"),
            UNSUPPORTED_SCHEMA_VERSION,
            "schema_version"),
        reject(
            "schema_version 0",
            VIEWER,
            withRaw(VIEWER, "schema_version", "0"),
            UNSUPPORTED_SCHEMA_VERSION,
            "schema_version"),
        reject(
            "schema_version 2^64 + 1 (wraps to 1 as a long)",
            VIEWER,
            withRaw(VIEWER, "schema_version", "18446744073709551617"),
            UNSUPPORTED_SCHEMA_VERSION,
            "schema_version"),
        reject(
            "a record too large",
            VIEWER,
            padded(VIEWER, EventCodec.MAX_RECORD_BYTES + 100),
            RECORD_TOO_LARGE,
            ""));
  }

  private static Arguments reject(
      String shape, EventType type, byte[] value, RejectionReason reason, String field) {
    return Arguments.of(shape, type, value, reason, field);
  }

  private static String ts(Duration ahead) {
    return EventCodec.formatTimestamp(NOW.plus(ahead));
  }

  /** The valid record with the given raw bytes inserted into an ignored string field. */
  private static byte[] withBytes(String validRecord, int... raw) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(utf8(validRecord.substring(0, validRecord.length() - 1) + ",\"note\":\"a"));
    for (int b : raw) {
      out.write(b);
    }
    out.writeBytes(utf8("b\"}"));
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
