package io.telemetra.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.telemetra.api.support.ApiTestSupport;
import io.telemetra.api.support.LiveClient;
import io.telemetra.api.support.Rows;
import io.telemetra.api.support.StalledWebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LivePushIT extends ApiTestSupport {

  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);

  @Autowired LiveHub hub;
  @Autowired MeterRegistry meters;

  @Test
  void aSubscriberReceivesTheNewWindowAndMomentWithinOneSecondOfTheNotify() {
    Rows rows = rows();
    String watched = Rows.uniqueStreamId("push");
    String other = Rows.uniqueStreamId("push-other");
    rows.stream(watched, "online", NOW.minusSeconds(600));
    rows.stream(other, "online", NOW.minusSeconds(600));
    try (LiveClient client = LiveClient.connect(HTTP, port, TOKEN)) {
      client.subscribe(watched);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !client.received(type("subscribed")).isEmpty());
      assertThat(client.received(type("subscribed")).get(0).path("streams").toString())
          .isEqualTo("[\"" + watched + "\"]");

      rows.chat(watched, NOW, 42, 17, 0.5, 101);
      rows.viewers(watched, NOW, 250.0, 200, 300, 280, 101);
      rows.moment(watched, NOW, "chat_spike", 6.5, 101);
      rows.chat(other, NOW, 7, 7, 0.0, 101);
      rows.moment(other, NOW, "viewer_spike", 9.0, 101);
      rows.notifyUpdate(
          "{\"batch_id\":101,\"streams\":[\"" + watched + "\",\"" + other + "\"],\"moments\":2}");

      await()
          .atMost(Duration.ofSeconds(1))
          .until(
              () ->
                  !client.received(type("window")).isEmpty()
                      && !client.received(type("moment")).isEmpty());
      JsonNode window = client.received(type("window")).get(0);
      assertThat(window.path("stream_id").asText()).isEqualTo(watched);
      assertThat(window.path("window").path("window_start").asText()).isEqualTo(NOW.toString());
      assertThat(window.path("window").path("chat_count").asLong()).isEqualTo(42);
      assertThat(window.path("window").path("last_viewers").asLong()).isEqualTo(280);
      JsonNode moment = client.received(type("moment")).get(0).path("moment");
      assertThat(moment.path("stream_id").asText()).isEqualTo(watched);
      assertThat(moment.path("kind").asText()).isEqualTo("chat_spike");
      assertThat(moment.path("score").asDouble()).isEqualTo(6.5);
      assertThat(client.received().toString()).doesNotContain(other);
    }
  }

  @Test
  void updatesOfStreamsAClientDidNotSubscribeToOrUnsubscribedFromAreNotSent() {
    Rows rows = rows();
    String subscribed = Rows.uniqueStreamId("sub");
    String unsubscribed = Rows.uniqueStreamId("unsub");
    String later = Rows.uniqueStreamId("later");
    try (LiveClient client = LiveClient.connect(HTTP, port, TOKEN)) {
      client.subscribe(subscribed);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !client.received(type("subscribed")).isEmpty());
      rows.chat(unsubscribed, NOW, 5, 5, null, 102);
      rows.notifyUpdate("{\"batch_id\":102,\"streams\":[\"" + unsubscribed + "\"],\"moments\":0}");
      rows.chat(subscribed, NOW, 6, 6, null, 103);
      rows.notifyUpdate("{\"batch_id\":103,\"streams\":[\"" + subscribed + "\"],\"moments\":0}");
      await().atMost(Duration.ofSeconds(2)).until(() -> !client.received(type("window")).isEmpty());
      assertThat(client.received().toString()).doesNotContain(unsubscribed);

      client.send("{\"type\":\"unsubscribe\",\"streams\":[\"" + subscribed + "\"]}");
      client.subscribe(later);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> client.received(type("subscribed")).size() == 3);
      assertThat(client.received(type("subscribed")).get(2).path("streams").toString())
          .isEqualTo("[\"" + later + "\"]");
      rows.chat(subscribed, NOW.plusSeconds(10), 8, 8, null, 104);
      rows.chat(later, NOW, 9, 9, null, 104);
      rows.notifyUpdate(
          "{\"batch_id\":104,\"streams\":[\""
              + subscribed
              + "\",\""
              + later
              + "\"],\"moments\":0}");
      await()
          .atMost(Duration.ofSeconds(2))
          .until(() -> client.received(forStream(later)).size() == 1);
      assertThat(client.received(forStream(subscribed))).hasSize(1);
    }
  }

  @Test
  void aStatusChangeOfASubscribedStreamIsPushed() {
    Rows rows = rows();
    String id = Rows.uniqueStreamId("status");
    rows.stream(id, "online", NOW.minusSeconds(600));
    try (LiveClient client = LiveClient.connect(HTTP, port, TOKEN)) {
      client.subscribe(id);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !client.received(type("subscribed")).isEmpty());
      rows.stream(id, "offline", NOW);
      rows.notifyUpdate("{\"batch_id\":105,\"streams\":[\"" + id + "\"],\"moments\":0}");
      await().atMost(Duration.ofSeconds(2)).until(() -> !client.received(type("stream")).isEmpty());
      JsonNode stream = client.received(type("stream")).get(0).path("stream");
      assertThat(stream.path("stream_id").asText()).isEqualTo(id);
      assertThat(stream.path("status").asText()).isEqualTo("offline");
    }
  }

  @Test
  void malformedClientMessagesGetAnErrorAndTheConnectionStays() {
    try (LiveClient client = LiveClient.connect(HTTP, port, TOKEN)) {
      client.send("not json");
      client.send("{\"type\":\"subscribe\",\"streams\":[\"bad id\"]}");
      client.send("{\"type\":\"dance\"}");
      await().atMost(Duration.ofSeconds(5)).until(() -> client.received(type("error")).size() == 3);
      client.subscribe("fine");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !client.received(type("subscribed")).isEmpty());
      assertThat(client.isClosed()).isFalse();
    }
  }

  @Test
  void aSlowClientIsDroppedWhileAFastOneKeepsReceivingEveryMessage() throws Exception {
    Rows rows = rows();
    String heavy = Rows.uniqueStreamId("heavy");
    int windows = 500;
    rows.chatSeries(heavy, NOW, windows, 200);
    double droppedBefore = meters.counter("telemetra.ws.dropped").count();
    try (LiveClient fast = LiveClient.connect(HTTP, port, TOKEN);
        StalledWebSocket slow =
            StalledWebSocket.connect(
                port, TOKEN, "{\"type\":\"subscribe\",\"streams\":[\"" + heavy + "\"]}")) {
      fast.subscribe(heavy);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> !fast.received(type("subscribed")).isEmpty());
      int sessionsWithSlow = hub.size();
      int notifies = 0;
      while (meters.counter("telemetra.ws.dropped").count() == droppedBefore && notifies < 80) {
        rows.notifyUpdate("{\"batch_id\":200,\"streams\":[\"" + heavy + "\"],\"moments\":0}");
        notifies++;
        int expected = notifies * windows;
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> fast.received(type("window")).size() == expected);
      }
      assertThat(meters.counter("telemetra.ws.dropped").count()).isGreaterThan(droppedBefore);
      await().atMost(Duration.ofSeconds(10)).until(() -> hub.size() == sessionsWithSlow - 1);

      // The fast client still gets everything after the slow one is gone.
      rows.notifyUpdate("{\"batch_id\":200,\"streams\":[\"" + heavy + "\"],\"moments\":0}");
      int expected = (notifies + 1) * windows;
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> fast.received(type("window")).size() == expected);
      assertThat(fast.isClosed()).isFalse();
      assertThat(slow.drainUntilClosed(10_000)).as("server closed the slow client").isTrue();
    }
  }

  private static java.util.function.Predicate<JsonNode> type(String type) {
    return m -> m.path("type").asText().equals(type);
  }

  private static java.util.function.Predicate<JsonNode> forStream(String id) {
    return m -> m.path("type").asText().equals("window") && m.path("stream_id").asText().equals(id);
  }
}
