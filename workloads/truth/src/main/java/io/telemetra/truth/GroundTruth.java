package io.telemetra.truth;

import io.telemetra.analytics.sentiment.SentimentScorer;
import io.telemetra.events.ChatEvent;
import io.telemetra.events.Event;
import io.telemetra.events.TransactionEvent;
import io.telemetra.events.ViewerEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the window tables and {@code transactions} must hold, computed in plain Java from the
 * accepted events read back from Kafka (not with Spark): deduplicated by event id, each event in
 * every sliding window containing it. Events are summed per stream and slide-long bucket as they
 * come, so memory grows with the buckets' distinct chatters, not with the number of events; a
 * window is the sum of the buckets it spans.
 */
public final class GroundTruth {

  private final long slideMs;
  private final int bucketsPerWindow;
  private final SentimentScorer scorer = SentimentScorer.shipped();
  private final EventIdSet seen = new EventIdSet();
  private final Map<String, TreeMap<Long, Bucket>> buckets = new HashMap<>();
  private final Set<Rows.Transaction> transactions = new HashSet<>();
  private long duplicates;

  /** One stream's events in one slide-long stretch of event time. */
  private static final class Bucket {
    long chat;
    final Set<String> chatters = new HashSet<>();
    long positive;
    long negative;
    double sentimentSum;
    long viewerSamples;
    long viewerSum;
    long viewerMin = Long.MAX_VALUE;
    long viewerMax = Long.MIN_VALUE;
    ViewerEvent lastViewer;
    final Map<String, Long> revenueCount = new HashMap<>();
    final Map<String, BigDecimal> revenueSum = new HashMap<>();
  }

  public GroundTruth(Duration windowLength, Duration slide) {
    if (windowLength.toMillis() % slide.toMillis() != 0) {
      throw new IllegalArgumentException("the window length must be a multiple of the slide");
    }
    this.slideMs = slide.toMillis();
    this.bucketsPerWindow = (int) (windowLength.toMillis() / slide.toMillis());
  }

  /** Counts an accepted event (a repeated event id is counted once). */
  public void accept(Event event) {
    if (!seen.add(event.eventId())) {
      duplicates++;
      return;
    }
    if (event instanceof TransactionEvent t) {
      transactions.add(
          new Rows.Transaction(
              t.eventId(),
              t.streamId(),
              t.ts(),
              t.userId(),
              t.transactionType().wireName(),
              t.amount().stripTrailingZeros(),
              t.currency()));
    }
    if (!(event instanceof ChatEvent
        || event instanceof ViewerEvent
        || event instanceof TransactionEvent)) {
      return;
    }
    long ms = event.ts().toEpochMilli();
    Bucket b =
        buckets
            .computeIfAbsent(event.streamId(), s -> new TreeMap<>())
            .computeIfAbsent(ms - Math.floorMod(ms, slideMs), s -> new Bucket());
    if (event instanceof ChatEvent c) {
      b.chat++;
      b.chatters.add(c.userId());
      double score = scorer.score(c.message(), c.emotes());
      b.sentimentSum += score;
      b.positive += score >= 0.05 ? 1 : 0;
      b.negative += score <= -0.05 ? 1 : 0;
    } else if (event instanceof ViewerEvent v) {
      b.viewerSamples++;
      b.viewerSum += v.viewerCount();
      b.viewerMin = Math.min(b.viewerMin, v.viewerCount());
      b.viewerMax = Math.max(b.viewerMax, v.viewerCount());
      if (b.lastViewer == null || later(v, b.lastViewer)) {
        b.lastViewer = v;
      }
    } else if (event instanceof TransactionEvent t) {
      b.revenueCount.merge(t.currency(), 1L, Long::sum);
      b.revenueSum.merge(t.currency(), t.amount(), BigDecimal::add);
    }
  }

  /** The later of two viewer samples: by ts, then by event id (as the job breaks ties). */
  private static boolean later(ViewerEvent a, ViewerEvent b) {
    int byTime = a.ts().compareTo(b.ts());
    return byTime > 0 || byTime == 0 && a.eventId().compareTo(b.eventId()) > 0;
  }

  /** Distinct events counted. */
  public long distinctEvents() {
    return seen.size();
  }

  /** Events whose id had been seen before. */
  public long duplicates() {
    return duplicates;
  }

  public Set<Rows.Transaction> transactions() {
    return Set.copyOf(transactions);
  }

  /** The windows expected: chat, viewer and revenue rows. */
  public Windows windows() {
    Windows w = new Windows();
    buckets.forEach(
        (stream, byStart) -> {
          TreeSet<Long> starts = new TreeSet<>();
          for (long b : byStart.keySet()) {
            for (int k = 0; k < bucketsPerWindow; k++) {
              starts.add(b - k * slideMs);
            }
          }
          for (long start : starts) {
            window(stream, start, byStart.subMap(start, start + bucketsPerWindow * slideMs), w);
          }
        });
    return w;
  }

  private void window(String stream, long startMs, Map<Long, Bucket> spanned, Windows out) {
    Instant start = Instant.ofEpochMilli(startMs);
    long chat = 0;
    long positive = 0;
    long negative = 0;
    double sentiment = 0;
    Set<String> chatters = new HashSet<>();
    long samples = 0;
    long viewerSum = 0;
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    ViewerEvent last = null;
    Map<String, Long> revenueCount = new TreeMap<>();
    Map<String, BigDecimal> revenueSum = new HashMap<>();
    for (Bucket b : spanned.values()) {
      chat += b.chat;
      positive += b.positive;
      negative += b.negative;
      sentiment += b.sentimentSum;
      chatters.addAll(b.chatters);
      samples += b.viewerSamples;
      viewerSum += b.viewerSum;
      min = Math.min(min, b.viewerMin);
      max = Math.max(max, b.viewerMax);
      if (b.lastViewer != null && (last == null || later(b.lastViewer, last))) {
        last = b.lastViewer;
      }
      b.revenueCount.forEach((c, n) -> revenueCount.merge(c, n, Long::sum));
      b.revenueSum.forEach((c, s) -> revenueSum.merge(c, s, BigDecimal::add));
    }
    if (chat > 0) {
      out.chat.add(
          new Rows.Chat(
              stream,
              start,
              chat,
              chatters.size(),
              positive,
              chat - positive - negative,
              negative,
              Rows.round9(sentiment / chat)));
    }
    if (samples > 0) {
      out.viewers.add(
          new Rows.Viewers(
              stream,
              start,
              Rows.round9((double) viewerSum / samples),
              min,
              max,
              last.viewerCount(),
              samples));
    }
    revenueCount.forEach(
        (currency, n) ->
            out.revenue.add(
                new Rows.Revenue(
                    stream, start, currency, n, revenueSum.get(currency).stripTrailingZeros())));
  }

  /** The expected window rows. */
  public static final class Windows {
    public final Set<Rows.Chat> chat = new HashSet<>();
    public final Set<Rows.Viewers> viewers = new HashSet<>();
    public final Set<Rows.Revenue> revenue = new HashSet<>();
  }
}
