package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.analytics.sentiment.SentimentScorer;
import io.telemetra.events.ChatEvent;
import io.telemetra.events.Event;
import io.telemetra.events.TransactionEvent;
import io.telemetra.events.ViewerEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The expected contents of the window tables, computed in plain Java from the events the test sent
 * (not with Spark): deduplicated by event id, each event added to every sliding window containing
 * it. Only events the job must count in windows are given (late ones are left out by the caller).
 */
final class GroundTruth {

  record ChatRow(
      String stream,
      Instant start,
      long count,
      long unique,
      long positive,
      long neutral,
      long negative,
      double sentimentMean) {}

  record ViewerRow(
      String stream, Instant start, double avg, long min, long max, long last, long samples) {}

  record RevenueRow(String stream, Instant start, String currency, long count, BigDecimal sum) {}

  record TransactionRow(
      String eventId,
      String stream,
      Instant ts,
      String user,
      String type,
      BigDecimal amount,
      String currency) {}

  /** Every table the job writes from events (windows and transactions), as expected. */
  record Tables(
      Set<ChatRow> chat,
      Set<ViewerRow> viewers,
      Set<RevenueRow> revenue,
      Set<TransactionRow> transactions) {

    static Tables of(Collection<Event> events, Duration length, Duration slide) {
      return new Tables(
          GroundTruth.chat(events, length, slide),
          GroundTruth.viewers(events, length, slide),
          GroundTruth.revenue(events, length, slide),
          GroundTruth.transactions(events));
    }

    /** Asserts that the job's tables hold exactly these rows. */
    void assertWritten(Connection c) throws SQLException {
      assertThat(WrittenRows.transactions(c)).containsExactlyInAnyOrderElementsOf(transactions);
      assertThat(WrittenRows.chat(c)).containsExactlyInAnyOrderElementsOf(chat);
      assertThat(WrittenRows.viewers(c)).containsExactlyInAnyOrderElementsOf(viewers);
      assertThat(WrittenRows.revenue(c)).containsExactlyInAnyOrderElementsOf(revenue);
    }
  }

  private GroundTruth() {}

  /** Windows (start) containing ts: starts at multiples of slide since the epoch. */
  static List<Instant> windowsOf(Instant ts, Duration length, Duration slide) {
    List<Instant> starts = new ArrayList<>();
    long slideMs = slide.toMillis();
    long ms = ts.toEpochMilli();
    long last = ms - Math.floorMod(ms, slideMs);
    for (long s = last; s > ms - length.toMillis(); s -= slideMs) {
      starts.add(Instant.ofEpochMilli(s));
    }
    return starts;
  }

  static Map<String, Event> dedup(Collection<Event> events) {
    Map<String, Event> byId = new LinkedHashMap<>();
    for (Event e : events) {
      byId.putIfAbsent(e.eventId(), e);
    }
    return byId;
  }

  static Set<ChatRow> chat(Collection<Event> events, Duration length, Duration slide) {
    SentimentScorer scorer = SentimentScorer.shipped();
    Map<String, List<ChatEvent>> byWindow = new TreeMap<>();
    for (Event e : dedup(events).values()) {
      if (e instanceof ChatEvent c) {
        for (Instant s : windowsOf(c.ts(), length, slide)) {
          byWindow.computeIfAbsent(c.streamId() + "|" + s, k -> new ArrayList<>()).add(c);
        }
      }
    }
    Set<ChatRow> rows = new HashSet<>();
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
              new ChatRow(
                  parts[0],
                  Instant.parse(parts[1]),
                  list.size(),
                  users.size(),
                  pos,
                  list.size() - pos - neg,
                  neg,
                  round(sum / list.size())));
        });
    return rows;
  }

  static Set<ViewerRow> viewers(Collection<Event> events, Duration length, Duration slide) {
    Map<String, List<ViewerEvent>> byWindow = new TreeMap<>();
    for (Event e : dedup(events).values()) {
      if (e instanceof ViewerEvent v) {
        for (Instant s : windowsOf(v.ts(), length, slide)) {
          byWindow.computeIfAbsent(v.streamId() + "|" + s, k -> new ArrayList<>()).add(v);
        }
      }
    }
    Set<ViewerRow> rows = new HashSet<>();
    byWindow.forEach(
        (key, list) -> {
          long sum = 0;
          long min = Long.MAX_VALUE;
          long max = Long.MIN_VALUE;
          ViewerEvent last = null;
          for (ViewerEvent v : list) {
            sum += v.viewerCount();
            min = Math.min(min, v.viewerCount());
            max = Math.max(max, v.viewerCount());
            if (last == null
                || v.ts().isAfter(last.ts())
                || v.ts().equals(last.ts()) && v.eventId().compareTo(last.eventId()) > 0) {
              last = v;
            }
          }
          String[] parts = key.split("\\|");
          rows.add(
              new ViewerRow(
                  parts[0],
                  Instant.parse(parts[1]),
                  round((double) sum / list.size()),
                  min,
                  max,
                  last.viewerCount(),
                  list.size()));
        });
    return rows;
  }

  static Set<RevenueRow> revenue(Collection<Event> events, Duration length, Duration slide) {
    Map<String, long[]> counts = new HashMap<>();
    Map<String, BigDecimal> sums = new HashMap<>();
    for (Event e : dedup(events).values()) {
      if (e instanceof TransactionEvent t) {
        for (Instant s : windowsOf(t.ts(), length, slide)) {
          String key = t.streamId() + "|" + s + "|" + t.currency();
          counts.computeIfAbsent(key, k -> new long[1])[0]++;
          sums.merge(key, t.amount(), BigDecimal::add);
        }
      }
    }
    Set<RevenueRow> rows = new HashSet<>();
    counts.forEach(
        (key, n) -> {
          String[] parts = key.split("\\|");
          rows.add(
              new RevenueRow(
                  parts[0],
                  Instant.parse(parts[1]),
                  parts[2],
                  n[0],
                  sums.get(key).stripTrailingZeros()));
        });
    return rows;
  }

  static Set<TransactionRow> transactions(Collection<Event> events) {
    Set<TransactionRow> rows = new HashSet<>();
    for (Event e : dedup(events).values()) {
      if (e instanceof TransactionEvent t) {
        rows.add(
            new TransactionRow(
                t.eventId(),
                t.streamId(),
                t.ts(),
                t.userId(),
                t.transactionType().wireName(),
                t.amount().stripTrailingZeros(),
                t.currency()));
      }
    }
    return rows;
  }

  static double round(double v) {
    return Math.round(v * 1e9) / 1e9;
  }
}
