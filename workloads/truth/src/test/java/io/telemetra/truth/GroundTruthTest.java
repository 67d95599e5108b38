package io.telemetra.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.analytics.sentiment.SentimentScorer;
import io.telemetra.events.ChatEvent;
import io.telemetra.events.Event;
import io.telemetra.events.TransactionEvent;
import io.telemetra.events.TransactionType;
import io.telemetra.events.ViewerEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bucketed ground truth equals the obvious computation: every event added to each of the six
 * windows containing it, one window at a time.
 */
class GroundTruthTest {

  private static final Duration LENGTH = Duration.ofSeconds(60);
  private static final Duration SLIDE = Duration.ofSeconds(10);
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:03.250Z");

  @Test
  void bucketedWindowsEqualWindowsBuiltEventByEvent() {
    List<Event> events = randomEvents(new Random(11), 4000);
    GroundTruth truth = new GroundTruth(LENGTH, SLIDE);
    events.forEach(truth::accept);

    GroundTruth.Windows windows = truth.windows();

    assertThat(windows.chat).isEqualTo(naiveChat(events));
    assertThat(windows.viewers).isEqualTo(naiveViewers(events));
    assertThat(truth.duplicates()).isEqualTo(events.size() - distinct(events).size());
    assertThat(truth.transactions())
        .hasSize(
            (int) distinct(events).stream().filter(e -> e instanceof TransactionEvent).count());
  }

  @Test
  void anEventLandsInSixWindowsAlignedToTheSlideAndARepeatedIdCountsOnce() {
    GroundTruth truth = new GroundTruth(LENGTH, SLIDE);
    ChatEvent chat = new ChatEvent("e1", "s", T0, "u1", "n", "great stream PogChamp", List.of());
    truth.accept(chat);
    truth.accept(chat);
    truth.accept(
        new TransactionEvent(
            "t1", "s", T0, "u1", TransactionType.values()[0], new BigDecimal("4.990"), "USD"));

    GroundTruth.Windows w = truth.windows();

    assertThat(w.chat)
        .extracting(Rows.Chat::start)
        .containsExactlyInAnyOrder(
            Instant.parse("2026-11-27T09:59:10Z"),
            Instant.parse("2026-11-27T09:59:20Z"),
            Instant.parse("2026-11-27T09:59:30Z"),
            Instant.parse("2026-11-27T09:59:40Z"),
            Instant.parse("2026-11-27T09:59:50Z"),
            Instant.parse("2026-11-27T10:00:00Z"));
    assertThat(w.chat).allSatisfy(r -> assertThat(r.count()).isEqualTo(1));
    assertThat(w.revenue)
        .hasSize(6)
        .allSatisfy(r -> assertThat(r.sum()).isEqualByComparingTo("4.99"));
    assertThat(truth.duplicates()).isEqualTo(1);
  }

  private static List<Event> randomEvents(Random random, int n) {
    List<Event> events = new ArrayList<>();
    String[] words = {"love", "hate", "ok", "LUL", "BibleThump", "great", "boring", "PogChamp"};
    for (int i = 0; i < n; i++) {
      Instant ts = T0.plusMillis(random.nextInt(300_000));
      String stream = "s" + random.nextInt(3);
      String id = "e" + (random.nextInt(10) == 0 && i > 0 ? random.nextInt(i) : i);
      switch (random.nextInt(3)) {
        case 0 ->
            events.add(
                new ChatEvent(
                    id,
                    stream,
                    ts,
                    "u" + random.nextInt(40),
                    "n",
                    words[random.nextInt(words.length)] + " " + words[random.nextInt(words.length)],
                    List.of()));
        case 1 -> events.add(new ViewerEvent(id, stream, ts, random.nextInt(5000)));
        default ->
            events.add(
                new TransactionEvent(
                    id,
                    stream,
                    ts,
                    "u1",
                    TransactionType.values()[0],
                    BigDecimal.valueOf(random.nextInt(10_000), 2),
                    random.nextBoolean() ? "USD" : "EUR"));
      }
    }
    return events;
  }

  private static List<Event> distinct(List<Event> events) {
    Map<String, Event> byId = new java.util.LinkedHashMap<>();
    events.forEach(e -> byId.putIfAbsent(e.eventId(), e));
    return new ArrayList<>(byId.values());
  }

  private static List<Instant> windowsOf(Instant ts) {
    List<Instant> starts = new ArrayList<>();
    long ms = ts.toEpochMilli();
    for (long s = ms - Math.floorMod(ms, 10_000); s > ms - 60_000; s -= 10_000) {
      starts.add(Instant.ofEpochMilli(s));
    }
    return starts;
  }

  private static Set<Rows.Chat> naiveChat(List<Event> events) {
    SentimentScorer scorer = SentimentScorer.shipped();
    Map<String, List<ChatEvent>> byWindow = new HashMap<>();
    for (Event e : distinct(events)) {
      if (e instanceof ChatEvent c) {
        windowsOf(c.ts())
            .forEach(
                s ->
                    byWindow
                        .computeIfAbsent(c.streamId() + "|" + s, k -> new ArrayList<>())
                        .add(c));
      }
    }
    Set<Rows.Chat> rows = new HashSet<>();
    byWindow.forEach(
        (key, list) -> {
          Set<String> users = new HashSet<>();
          long pos = 0;
          long neg = 0;
          double sum = 0;
          for (ChatEvent c : list) {
            users.add(c.userId());
            double score = scorer.score(c.message(), c.emotes());
            sum += score;
            pos += score >= 0.05 ? 1 : 0;
            neg += score <= -0.05 ? 1 : 0;
          }
          String[] parts = key.split("\\|");
          rows.add(
              new Rows.Chat(
                  parts[0],
                  Instant.parse(parts[1]),
                  list.size(),
                  users.size(),
                  pos,
                  list.size() - pos - neg,
                  neg,
                  Rows.round9(sum / list.size())));
        });
    return rows;
  }

  private static Set<Rows.Viewers> naiveViewers(List<Event> events) {
    Map<String, List<ViewerEvent>> byWindow = new HashMap<>();
    for (Event e : distinct(events)) {
      if (e instanceof ViewerEvent v) {
        windowsOf(v.ts())
            .forEach(
                s ->
                    byWindow
                        .computeIfAbsent(v.streamId() + "|" + s, k -> new ArrayList<>())
                        .add(v));
      }
    }
    Set<Rows.Viewers> rows = new HashSet<>();
    byWindow.forEach(
        (key, list) -> {
          long sum = 0;
          long min = Long.MAX_VALUE;
          long max = Long.MIN_VALUE;
          ViewerEvent last = list.get(0);
          for (ViewerEvent v : list) {
            sum += v.viewerCount();
            min = Math.min(min, v.viewerCount());
            max = Math.max(max, v.viewerCount());
            int byTime = v.ts().compareTo(last.ts());
            if (byTime > 0 || byTime == 0 && v.eventId().compareTo(last.eventId()) > 0) {
              last = v;
            }
          }
          String[] parts = key.split("\\|");
          rows.add(
              new Rows.Viewers(
                  parts[0],
                  Instant.parse(parts[1]),
                  Rows.round9((double) sum / list.size()),
                  min,
                  max,
                  last.viewerCount(),
                  list.size()));
        });
    return rows;
  }
}
