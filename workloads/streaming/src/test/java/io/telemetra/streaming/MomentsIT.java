package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.events.ChatEvent;
import io.telemetra.events.EventCodec;
import io.telemetra.events.Topics;
import io.telemetra.events.TransactionEvent;
import io.telemetra.events.TransactionType;
import io.telemetra.events.ViewerEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Moments end to end: two streams with perfectly steady traffic, one of which is raided (chat,
 * viewers and tips jump in one 10 s slot). The raid becomes moments of all three kinds on the first
 * window that contains it; the steady stream has none.
 */
class MomentsIT {

  @Test
  void aScriptedRaidBecomesMomentsAndSteadyTrafficProducesNone() throws Exception {
    var pipeline = TestInfrastructure.shared().newPipeline("moments");
    Instant t0 =
        Instant.now()
            .minus(Duration.ofMinutes(30))
            .truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
    int raidSlot = 40;
    List<ScriptedTraffic.Sent> sent = new ArrayList<>();
    var codec = EventCodec.withSystemClock();
    int id = 0;
    for (int slot = 0; slot < 50; slot++) {
      Instant slotStart = t0.plusSeconds(10L * slot);
      for (String stream : List.of("steady", "raided")) {
        boolean raid = stream.equals("raided") && slot == raidSlot;
        int chats = raid ? 200 : 20;
        for (int i = 0; i < chats; i++) {
          var ts = slotStart.plusMillis(i * (10_000L / chats));
          var chat = new ChatEvent("c" + id++, stream, ts, "u" + (i % 15), "u", "hello", List.of());
          sent.add(record(pipeline.topics(), codec, chat));
        }
        for (int i = 0; i < 5; i++) {
          long viewers = stream.equals("raided") && slot >= raidSlot ? 5000 : 1000;
          var v = new ViewerEvent("v" + id++, stream, slotStart.plusSeconds(2L * i), viewers);
          sent.add(record(pipeline.topics(), codec, v));
        }
        var tip =
            new TransactionEvent(
                "t" + id++,
                stream,
                slotStart.plusSeconds(5),
                "u1",
                TransactionType.TIP,
                new BigDecimal(raid ? "250.00" : "5.00"),
                "USD");
        sent.add(record(pipeline.topics(), codec, tip));
      }
    }
    KafkaTestClient.send(pipeline.bootstrapServers(), sent);
    List<String> notifications = new ArrayList<>();
    try (Connection listener = pipeline.connect()) {
      listener.createStatement().execute("LISTEN telemetra_updates");
      try (RunningJob job = StreamingJob.start(pipeline.settings())) {
        job.processAllAvailable();
        assertThat(job.failure()).isEmpty();
      }
      var pg = listener.unwrap(org.postgresql.PGConnection.class);
      for (var n : pg.getNotifications(5000)) {
        notifications.add(n.getParameter());
      }
    }
    // the API learns of each committed batch: which streams changed and how many moments
    assertThat(notifications)
        .anySatisfy(
            payload ->
                assertThat(payload)
                    .contains("\"streams\":[\"raided\",\"steady\"]")
                    .containsPattern("\"moments\":[1-9]"));

    Instant firstRaidWindow = t0.plusSeconds(10L * raidSlot).minusSeconds(50);
    try (Connection c = pipeline.connect()) {
      assertThat(WrittenRows.count(c, "SELECT count(*) FROM moments WHERE stream_id = 'steady'"))
          .isZero();
      var rs =
          c.createStatement()
              .executeQuery(
                  "SELECT kind, window_start, score, details->>'metric' FROM moments"
                      + " WHERE stream_id = 'raided' ORDER BY window_start, kind");
      List<String> moments = new ArrayList<>();
      while (rs.next()) {
        moments.add(
            rs.getString(1) + "@" + rs.getObject(2, java.time.OffsetDateTime.class).toInstant());
        assertThat(rs.getDouble(3)).isGreaterThan(3.0);
      }
      assertThat(moments)
          .contains(
              "chat_spike@" + firstRaidWindow,
              "revenue_spike@" + firstRaidWindow,
              "viewer_spike@" + firstRaidWindow);
      assertThat(moments)
          .allSatisfy(
              m ->
                  assertThat(Instant.parse(m.substring(m.indexOf('@') + 1)))
                      .isAfterOrEqualTo(firstRaidWindow)
                      .isBefore(firstRaidWindow.plusSeconds(60)));
    }
  }

  private static ScriptedTraffic.Sent record(
      Topics topics, EventCodec codec, io.telemetra.events.Event e) {
    return new ScriptedTraffic.Sent(
        topics.of(e.type()),
        e.streamId().getBytes(StandardCharsets.UTF_8),
        codec.encode(e),
        e,
        null,
        false,
        false);
  }
}
