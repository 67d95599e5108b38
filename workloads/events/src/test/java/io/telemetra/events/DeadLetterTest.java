package io.telemetra.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeadLetterTest {

  private static final Instant REJECTED_AT = Instant.parse("2026-11-27T10:00:01.250Z");
  private static final byte[] KEY = "stream-1".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = {'{', (byte) 0xFF, '}'};

  @Test
  void carriesEveryFactInNamedUtf8Headers() {
    DeadLetter letter =
        letter(new Rejection(RejectionReason.WRONG_TYPE, "amount", "expected a decimal"));

    Map<String, String> headers = new LinkedHashMap<>();
    letter.headers().forEach((k, v) -> headers.put(k, new String(v, StandardCharsets.UTF_8)));

    assertThat(headers)
        .containsExactly(
            Map.entry("telemetra.dlq.reason", "WRONG_TYPE"),
            Map.entry("telemetra.dlq.field", "amount"),
            Map.entry("telemetra.dlq.detail", "expected a decimal"),
            Map.entry("telemetra.dlq.source.topic", "telemetra.events.transactions"),
            Map.entry("telemetra.dlq.source.partition", "3"),
            Map.entry("telemetra.dlq.source.offset", "1234567890123"),
            Map.entry("telemetra.dlq.rejected.at", "2026-11-27T10:00:01.250Z"));
  }

  @ParameterizedTest
  @EnumSource(RejectionReason.class)
  void roundTripsThroughItsRecordFormWithTheOriginalBytesUntouched(RejectionReason reason) {
    DeadLetter letter = letter(new Rejection(reason, "", "détail ✓ with unicode"));

    DeadLetter back = DeadLetter.fromRecord(letter.key(), letter.value(), letter.headers());

    assertThat(back.key()).isEqualTo(KEY);
    assertThat(back.value()).isEqualTo(VALUE);
    assertThat(back.rejection()).isEqualTo(letter.rejection());
    assertThat(back.sourceTopic()).isEqualTo(letter.sourceTopic());
    assertThat(back.sourcePartition()).isEqualTo(3);
    assertThat(back.sourceOffset()).isEqualTo(1_234_567_890_123L);
    assertThat(back.rejectedAt()).isEqualTo(REJECTED_AT);
  }

  @Test
  void aRejectionOfTheCodecTravelsAsIs() {
    byte[] value = "[1,2]".getBytes(StandardCharsets.UTF_8);
    Rejection rejection =
        ((Decoded.Rejected) EventCodec.withSystemClock().decode(EventType.CHAT, value)).rejection();
    DeadLetter letter =
        new DeadLetter("telemetra.events.chat", 0, 5, null, value, rejection, REJECTED_AT);

    DeadLetter back = DeadLetter.fromRecord(null, value, letter.headers());

    assertThat(back.key()).isNull();
    assertThat(back.rejection()).isEqualTo(rejection);
    assertThat(back.rejection().reason()).isEqualTo(RejectionReason.NOT_AN_OBJECT);
  }

  @Test
  void unknownPositionsAreWrittenAsMinusOne() {
    DeadLetter letter =
        new DeadLetter(
            "t",
            -1,
            -1,
            null,
            null,
            new Rejection(RejectionReason.INVALID_JSON, null, "x"),
            REJECTED_AT);

    DeadLetter back = DeadLetter.fromRecord(null, null, letter.headers());

    assertThat(back.sourcePartition()).isEqualTo(-1);
    assertThat(back.sourceOffset()).isEqualTo(-1);
    assertThat(back.rejection().field()).isEmpty();
    assertThat(back.value()).isNull();
  }

  @Test
  void aRecordWithoutTheReasonHeaderIsNotADeadLetter() {
    Map<String, byte[]> headers =
        new LinkedHashMap<>(
            letter(new Rejection(RejectionReason.OUT_OF_RANGE, "a", "b")).headers());
    headers.remove(DeadLetter.HEADER_REASON);

    assertThatThrownBy(() -> DeadLetter.fromRecord(KEY, VALUE, headers))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("telemetra.dlq.reason");
  }

  @Test
  void theRejectionPrintsAsReasonFieldAndDetail() {
    assertThat(new Rejection(RejectionReason.OUT_OF_RANGE, "amount", "must not be negative"))
        .hasToString("OUT_OF_RANGE amount: must not be negative");
    assertThat(new Rejection(RejectionReason.NOT_AN_OBJECT, "", "got array"))
        .hasToString("NOT_AN_OBJECT: got array");
  }

  private static DeadLetter letter(Rejection rejection) {
    return new DeadLetter(
        "telemetra.events.transactions", 3, 1_234_567_890_123L, KEY, VALUE, rejection, REJECTED_AT);
  }
}
