package io.telemetra.events;

import static io.telemetra.events.EventType.CHAT;
import static io.telemetra.events.EventType.STREAM_META;
import static io.telemetra.events.EventType.TRANSACTION;
import static io.telemetra.events.EventType.VIEWER;
import static io.telemetra.events.TestRecords.CLOCK;
import static io.telemetra.events.TestRecords.JSON;
import static io.telemetra.events.TestRecords.NOW;
import static io.telemetra.events.TestRecords.bytes;
import static io.telemetra.events.TestRecords.emoji;
import static io.telemetra.events.TestRecords.valid;
import static io.telemetra.events.TestRecords.with;
import static io.telemetra.events.TestRecords.withRaw;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecAcceptanceTest {

  private static final Instant TS = Instant.parse("2026-11-27T09:59:30.123Z");

  private final EventCodec codec = new EventCodec(CLOCK);

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void anEncodedEventDecodesToAnEqualEvent(String shape, Event event) {
    byte[] encoded = codec.encode(event);

    assertThat(accepted(event.type(), encoded)).isEqualTo(event);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void encodingWritesExactlyTheContractsSnakeCaseFields(String shape, Event event)
      throws Exception {
    JsonNode json = JSON.readTree(codec.encode(event));

    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyElementsOf(TestRecords.REQUIRED_FIELDS.get(event.type()));
    assertThat(json.get("ts").textValue())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void timestampsAreFormattedExactlyAsTheIsoFormatterWould() {
    var iso =
        java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);
    var random = new java.util.Random(3);
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("0001-01-01T00:00:00Z")));
    for (int i = 0; i < 10_000; i++) {
      instants.add(Instant.ofEpochMilli(random.nextLong() % 253_402_300_800_000L));
    }

    for (Instant instant : instants) {
      assertThat(EventCodec.formatTimestamp(instant)).isEqualTo(iso.format(instant));
    }
  }

  @Test
  void timestampsAreReadExactlyAsTheRfc3339FormatterReadsThem() {
    var random = new java.util.Random(5);
    List<String> values =
        new ArrayList<>(
            List.of(
                "2024-02-29T23:59:59.999Z",
                "2023-02-29T10:00:00.000Z",
                "2026-02-30T10:00:00.000Z",
                "2026-04-31T10:00:00.000Z",
                "2026-13-01T10:00:00.000Z",
                "2026-00-01T10:00:00.000Z",
                "2026-01-00T10:00:00.000Z",
                "2026-01-01T24:00:00.000Z",
                "2026-01-01T23:60:00.000Z",
                "2026-01-01T23:59:60.000Z",
                "0000-01-01T00:00:00.000Z",
                "1900-02-29T00:00:00.000Z",
                "2000-02-29T00:00:00.000Z",
                "2026-01-01T10:00:00.00-Z",
                "2026-01-01T10:00:00.0 0Z",
                "+026-01-01T10:00:00.000Z",
                "2026-01-01t10:00:00.000z",
                "2026-01-01T10:00:00.000+01:00",
                "2026-1-01T10:00:00.000Z0"));
    for (int i = 0; i < 20_000; i++) {
      String wire =
          EventCodec.formatTimestamp(
              Instant.ofEpochMilli(random.nextLong() % 253_402_300_800_000L));
      values.add(wire);
      // The same string with one character changed to a digit or a separator.
      char[] c = wire.toCharArray();
      c[random.nextInt(c.length)] = "0123456789-:.TZ".charAt(random.nextInt(15));
      values.add(new String(c));
    }

    for (String value : values) {
      Object expected;
      try {
        expected = EventCodec.parseTimestampWithFormatter(value);
      } catch (java.time.format.DateTimeParseException e) {
        expected = "rejected";
      }
      Object actual;
      try {
        actual = EventCodec.parseTimestamp(value);
      } catch (java.time.format.DateTimeParseException e) {
        actual = "rejected";
      }
      assertThat(actual).as(value).isEqualTo(expected);
    }
  }

  @Test
  void encodingIsByteForByteWhatJacksonWritesForTheSameFields() throws Exception {
    char[] pool = {
      'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f',
      '\u007f', 'é', 'ß', '\u07ff', '\u0800', '日', '\u2028', '\uffff', '\ud83d', '\ude00'
    };
    // Emoji as four UTF-8 bytes, not as two escapes: Jackson's opt-in, the codec's default.
    var jackson =
        com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(
                com.fasterxml.jackson.core.json.JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();
    var random = new java.util.Random(11);
    for (int i = 0; i < 2_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        char c = pool[random.nextInt(pool.length)];
        if (Character.isSurrogate(c)) {
          text.append("\ud83d\ude00"); // Jackson refuses unpaired surrogates; pairs only
        } else {
          text.append(c);
        }
      }
      ChatEvent chat =
          new ChatEvent(
              "e" + i,
              "s",
              TS,
              "u",
              text.toString(),
              text.toString(),
              List.of(text.toString(), "Kappa"));
      var expected = new java.util.LinkedHashMap<String, Object>();
      expected.put("event_id", chat.eventId());
      expected.put("stream_id", "s");
      expected.put("ts", "2026-11-27T09:59:30.123Z");
      expected.put("user_id", "u");
      expected.put("username", chat.username());
      expected.put("message", chat.message());
      expected.put("emotes", chat.emotes());

      assertThat(codec.encode(chat)).isEqualTo(jackson.writeValueAsBytes(expected));
    }
  }

  @Test
  void anUnpairedSurrogateIsEncodedAsAnEscapeThatDecodingRejects() {
    ChatEvent chat = new ChatEvent("e", "s", TS, "u", "n", "broken \ud83d here", List.of());

    byte[] encoded = codec.encode(chat);

    assertThat(new String(encoded, java.nio.charset.StandardCharsets.UTF_8))
        .contains("broken \\uD83D here");
    Decoded decoded = codec.decode(CHAT, encoded);
    assertThat(((Decoded.Rejected) decoded).rejection().field()).isEqualTo("message");
  }

  @Test
  void encodingIsDeterministic() {
    events()
        .map(arguments -> (Event) arguments.get()[1])
        .forEach(event -> assertThat(codec.encode(event)).isEqualTo(codec.encode(event)));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void theValidSampleOfEveryTypeIsAccepted(EventType type) {
    Event event = accepted(type, bytes(valid(type)));

    assertThat(event.type()).isEqualTo(type);
    assertThat(event.eventId()).isEqualTo("e-" + type.topicSuffix());
    assertThat(event.streamId()).isEqualTo("stream-1");
    assertThat(event.ts()).isEqualTo(TS);
  }

  @Test
  void decodesEveryFieldOfAChatMessage() {
    ChatEvent chat = (ChatEvent) accepted(CHAT, bytes(valid(CHAT)));

    assertThat(chat)
        .isEqualTo(
            new ChatEvent(
                "e-chat",
                "stream-1",
                TS,
                "u-42",
                "pixel_fox",
                "what a play PogChamp",
                List.of("PogChamp")));
  }

  @ParameterizedTest(name = "unknown extra field {0} is ignored")
  @ValueSource(
      strings = {
        "\"extra\"",
        "42",
        "{\"nested\":{\"deep\":[1,2,3]}}",
        "[null, true]",
        "null",
        "\"\\ud83d\""
      })
  void unknownExtraFieldsAreIgnored(String rawValue) {
    for (EventType type : EventType.values()) {
      byte[] value = withRaw(type, "client_version", rawValue);
      assertThat(accepted(type, value)).isEqualTo(accepted(type, bytes(valid(type))));
    }
  }

  @ParameterizedTest(name = "schema_version {0} is accepted")
  @ValueSource(strings = {"1", "null"})
  void schemaVersionOneOrNullIsAccepted(String raw) {
    assertThat(codec.decode(VIEWER, withRaw(VIEWER, "schema_version", raw)).isAccepted()).isTrue();
  }

  @ParameterizedTest(name = "ts {0} is read as {1}")
  @CsvSource({
    "2026-11-27T09:59:30.123Z,       2026-11-27T09:59:30.123Z",
    "2026-11-27T09:59:30Z,           2026-11-27T09:59:30.000Z",
    "2026-11-27T09:59:30.1Z,         2026-11-27T09:59:30.100Z",
    "2026-11-27T11:59:30.123+02:00,  2026-11-27T09:59:30.123Z",
    "2026-11-27T04:29:30.123-05:30,  2026-11-27T09:59:30.123Z",
    "2026-11-27T09:59:30.123+00:00,  2026-11-27T09:59:30.123Z",
    "2026-11-27t09:59:30.123z,       2026-11-27T09:59:30.123Z",
    "2026-11-27T09:59:30.123999999Z, 2026-11-27T09:59:30.123Z",
    "1970-01-01T00:00:00.000Z,       1970-01-01T00:00:00.000Z",
    "2024-02-29T23:59:59.999Z,       2024-02-29T23:59:59.999Z"
  })
  void timestampsInAnyRfc3339FormAreReadToTheMillisecond(String wire, String expected) {
    Event event = accepted(VIEWER, with(VIEWER, "ts", wire));

    assertThat(event.ts()).isEqualTo(Instant.parse(expected));
    assertThat(EventCodec.formatTimestamp(event.ts())).isEqualTo(expected);
  }

  @ParameterizedTest(name = "a ts {0} ahead of the clock is accepted")
  @ValueSource(strings = {"PT4M", "PT4M59.999S", "PT5M", "PT0S", "-PT1H", "-P400D"})
  void timestampsUpToFiveMinutesAheadOfTheClockAreAccepted(String ahead) {
    Instant ts = NOW.plus(Duration.parse(ahead));

    Event event = accepted(CHAT, with(CHAT, "ts", EventCodec.formatTimestamp(ts)));

    assertThat(event.ts()).isEqualTo(ts);
  }

  @Test
  void theFutureLimitFollowsTheInjectedClock() {
    byte[] value = with(VIEWER, "ts", EventCodec.formatTimestamp(NOW.plus(Duration.ofHours(1))));
    var later = java.time.Clock.fixed(NOW.plus(Duration.ofMinutes(56)), java.time.ZoneOffset.UTC);

    assertThat(codec.decode(VIEWER, value).isAccepted()).isFalse();
    assertThat(new EventCodec(later).decode(VIEWER, value).isAccepted()).isTrue();
  }

  @Test
  void aMessageOfExactly2000CodePointsIsAcceptedThoughItHas4000Chars() {
    String message = emoji(2000);

    ChatEvent chat = (ChatEvent) accepted(CHAT, with(CHAT, "message", message));

    assertThat(message).hasSize(4000);
    assertThat(chat.message()).isEqualTo(message);
  }

  @Test
  void idsAndTextsAreCountedInCodePointsToo() {
    assertThat(accepted(VIEWER, with(VIEWER, "stream_id", emoji(128))).streamId())
        .isEqualTo(emoji(128));
    assertThat(
            ((StreamMetaEvent) accepted(STREAM_META, with(STREAM_META, "title", emoji(512))))
                .title())
        .isEqualTo(emoji(512));
  }

  @Test
  void anEmptyMessageWithoutEmotesIsAccepted() {
    ObjectNode node = valid(CHAT);
    node.put("message", "");
    node.putArray("emotes");

    ChatEvent chat = (ChatEvent) accepted(CHAT, bytes(node));

    assertThat(chat.message()).isEmpty();
    assertThat(chat.emotes()).isEmpty();
  }

  @Test
  void twoHundredEmotesAreAccepted() {
    byte[] value = withRaw(CHAT, "emotes", "[" + "\"Kappa\",".repeat(199) + "\"LUL\"]");

    assertThat(((ChatEvent) accepted(CHAT, value)).emotes()).hasSize(200).endsWith("LUL");
  }

  @ParameterizedTest(name = "viewer_count {0}")
  @ValueSource(longs = {0, 1, 1_000_000_000L})
  void viewerCountsFromZeroToOneBillionAreAccepted(long count) {
    ViewerEvent viewer =
        (ViewerEvent) accepted(VIEWER, withRaw(VIEWER, "viewer_count", Long.toString(count)));

    assertThat(viewer.viewerCount()).isEqualTo(count);
  }

  @ParameterizedTest(name = "amount {0} is exactly {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"4.99\"                    | 4.99",
        "4.99                        | 4.99",
        "\"4.990\"                   | 4.990",
        "4.990                       | 4.990",
        "0                           | 0",
        "\"0\"                       | 0",
        "\"0.00\"                    | 0.00",
        "0.01                        | 0.01",
        "1e2                         | 100",
        "2.5E+1                      | 25",
        "1e-8                        | 0.00000001",
        "\"0.00000001\"              | 0.00000001",
        "\"0.100000000000\"          | 0.1",
        "0e-999999999                | 0",
        "\"007.50\"                  | 7.50",
        "-0                          | 0",
        "\"999999999999999.99999999\" | 999999999999999.99999999",
        "999999999999999.99999999    | 999999999999999.99999999",
        "123456789012345             | 123456789012345"
      })
  void amountsAreReadExactlyInStringAndNumberForm(String raw, String expected) {
    TransactionEvent tx =
        (TransactionEvent) accepted(TRANSACTION, withRaw(TRANSACTION, "amount", raw));

    assertThat(tx.amount()).isEqualTo(new BigDecimal(expected));
    assertThat(tx.amount().toPlainString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"string", "number"})
  void pointOneAndPointTwoSumToExactlyPointThree(String form) {
    String one = form.equals("string") ? "\"0.1\"" : "0.1";
    String two = form.equals("string") ? "\"0.2\"" : "0.2";

    BigDecimal sum =
        ((TransactionEvent) accepted(TRANSACTION, withRaw(TRANSACTION, "amount", one)))
            .amount()
            .add(
                ((TransactionEvent) accepted(TRANSACTION, withRaw(TRANSACTION, "amount", two)))
                    .amount());

    assertThat(0.1 + 0.2).isNotEqualTo(0.3);
    assertThat(sum).isEqualTo(new BigDecimal("0.3"));
  }

  @Test
  void aThousandCentAmountsSumToExactlyTenUnits() {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = 0; i < 1000; i++) {
      sum =
          sum.add(
              ((TransactionEvent) accepted(TRANSACTION, withRaw(TRANSACTION, "amount", "0.01")))
                  .amount());
    }

    assertThat(sum).isEqualByComparingTo("10");
  }

  @ParameterizedTest
  @EnumSource(TransactionType.class)
  void everyTransactionTypeIsAccepted(TransactionType type) {
    TransactionEvent tx =
        (TransactionEvent) accepted(TRANSACTION, with(TRANSACTION, "type", type.wireName()));

    assertThat(tx.transactionType()).isEqualTo(type);
  }

  @ParameterizedTest
  @EnumSource(StreamStatus.class)
  void everyStreamStatusIsAccepted(StreamStatus status) {
    StreamMetaEvent meta =
        (StreamMetaEvent) accepted(STREAM_META, with(STREAM_META, "status", status.wireName()));

    assertThat(meta.status()).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(strings = {"USD", "EUR", "GBP", "JPY", "BRL", "KRW", "SEK", "PLN"})
  void isoCurrencyCodesAreAccepted(String currency) {
    TransactionEvent tx =
        (TransactionEvent) accepted(TRANSACTION, with(TRANSACTION, "currency", currency));

    assertThat(tx.currency()).isEqualTo(currency);
  }

  @Test
  void fieldOrderAndWhitespaceDoNotMatter() {
    String json =
        "\n{ \"viewer_count\" : 7 ,\n\t\"ts\":\"2026-11-27T09:59:30.123Z\", \"stream_id\":\"s\","
            + " \"event_id\":\"e\" }\n";

    assertThat(accepted(VIEWER, TestRecords.utf8(json)))
        .isEqualTo(new ViewerEvent("e", "s", TS, 7));
  }

  private Event accepted(EventType type, byte[] value) {
    Decoded decoded = codec.decode(type, value);
    assertThat(decoded).isInstanceOf(Decoded.Accepted.class);
    assertThat(decoded.isAccepted()).isTrue();
    return ((Decoded.Accepted) decoded).event();
  }

  static Stream<Arguments> events() {
    return Stream.of(
        Arguments.of(
            "a chat message",
            new ChatEvent("e1", "s1", TS, "u1", "alice", "gg wp <3", List.of("<3"))),
        Arguments.of(
            "a chat message with quotes, backslashes, control characters and emoji",
            new ChatEvent(
                "e2",
                "s1",
                TS,
                "u2",
                "Zoë \"the\" \\ 🦊",
                "line1\nline2\t\"quoted\" \\ \u0000 \u2028 日本語 😂😂",
                List.of("KEKW", "LUL", "KEKW"))),
        Arguments.of(
            "a chat message without emotes",
            new ChatEvent("e3", "s1", TS, "u3", "bob", "", List.of())),
        Arguments.of("a viewer sample", new ViewerEvent("e4", "s2", TS, 15_320)),
        Arguments.of("zero viewers", new ViewerEvent("e5", "s2", Instant.EPOCH, 0)),
        Arguments.of(
            "a tip",
            new TransactionEvent(
                "e6", "s3", TS, "u4", TransactionType.TIP, new BigDecimal("12.50"), "EUR")),
        Arguments.of(
            "a subscription",
            new TransactionEvent(
                "e7", "s3", TS, "u5", TransactionType.SUBSCRIPTION, new BigDecimal("4.99"), "USD")),
        Arguments.of(
            "bits",
            new TransactionEvent(
                "e8", "s3", TS, "u6", TransactionType.BITS, new BigDecimal("1.00"), "USD")),
        Arguments.of(
            "a gift of yen",
            new TransactionEvent(
                "e9", "s3", TS, "u7", TransactionType.GIFT, new BigDecimal("500"), "JPY")),
        Arguments.of(
            "a tiny amount",
            new TransactionEvent(
                "e10", "s3", TS, "u8", TransactionType.TIP, new BigDecimal("0.00000001"), "USD")),
        Arguments.of(
            "a stream going online",
            new StreamMetaEvent(
                "e11", "s4", TS, StreamStatus.ONLINE, "Speedrun 🏃", "Retro", "fastfingers")),
        Arguments.of(
            "a stream going offline",
            new StreamMetaEvent("e12", "s4", TS, StreamStatus.OFFLINE, "", "", "fastfingers")));
  }

  @Test
  void theSampleEventsCoverEveryType() {
    assertThat(events().map(arguments -> ((Event) arguments.get()[1]).type()).distinct())
        .containsExactlyInAnyOrder(EventType.values());
    assertThat(Arrays.asList(EventType.values())).hasSize(4);
  }
}
