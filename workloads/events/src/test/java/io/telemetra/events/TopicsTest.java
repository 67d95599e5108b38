package io.telemetra.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

  private final Topics topics = Topics.defaults();

  @Test
  void theDefaultTopicsAreTheFourEventTopicsAndTheDeadLetterTopic() {
    assertThat(topics.all())
        .containsExactly(
            "telemetra.events.chat",
            "telemetra.events.viewer",
            "telemetra.events.transactions",
            "telemetra.events.stream_meta",
            "telemetra.events.dlq");
  }

  @Test
  void eachEventTopicMapsBackToItsType() {
    for (EventType type : EventType.values()) {
      assertThat(topics.typeOf(topics.of(type))).contains(type);
      assertThat(new Topics("team-a.events").typeOf("team-a.events." + type.topicSuffix()))
          .contains(type);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "telemetra.events.dlq",
        "telemetra.events",
        "other.chat",
        "telemetra.eventschat",
        ""
      })
  void otherTopicsCarryNoEventType(String topic) {
    assertThat(topics.typeOf(topic)).isEmpty();
  }

  @Test
  void aRecordFromAnUnknownTopicIsRejectedAsUnknownTopic() {
    byte[] value = "{}".getBytes(StandardCharsets.UTF_8);

    Decoded decoded =
        new EventCodec(Clock.systemUTC()).decode(topics, "telemetra.events.dlq", value);

    assertThat(decoded).isInstanceOf(Decoded.Rejected.class);
    assertThat(((Decoded.Rejected) decoded).rejection().reason())
        .isEqualTo(RejectionReason.UNKNOWN_TOPIC);
  }

  @Test
  void aRecordFromAnEventTopicIsDecodedAsThatTopicsType() {
    byte[] value = TestRecords.bytes(TestRecords.valid(EventType.VIEWER));

    Decoded decoded =
        new EventCodec(TestRecords.CLOCK).decode(topics, "telemetra.events.viewer", value);

    assertThat(((Decoded.Accepted) decoded).event()).isInstanceOf(ViewerEvent.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "slash/es", "ünïcode"})
  void anIllegalPrefixIsRefused(String prefix) {
    assertThatThrownBy(() -> new Topics(prefix))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Topic prefix");
  }
}
