package io.telemetra.streaming.window;

import io.telemetra.analytics.window.SlidingWindows;
import io.telemetra.streaming.ingest.EventRows;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.streaming.ExpiredTimerInfo;
import org.apache.spark.sql.streaming.MapState;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StatefulProcessor;
import org.apache.spark.sql.streaming.TTLConfig;
import org.apache.spark.sql.streaming.TimeMode;
import org.apache.spark.sql.streaming.TimerValues;
import org.apache.spark.sql.streaming.ValueState;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Sliding windows of one stream as panes (Flink's slicing): each event is aggregated once, into the
 * slide-long pane holding its time, and a window's row is the merge of its {@code length / slide}
 * panes. Run with {@code transformWithState} in event time, keyed by stream, it writes the same
 * rows as {@link WindowedAggregation#explode}: every window a batch's events fall in, with its
 * complete value.
 *
 * <p>It also deduplicates by event id (within the stream): the first event of an id counts, and an
 * id is remembered until the watermark passes its pane's end plus the watermark delay, as long as
 * Spark's {@code dropDuplicatesWithinWatermark} would; after that a duplicate is late anyway. The
 * ids are kept in chunks by pane and batch, with a small index of the chunks, so forgetting a pane
 * reads its own ids only.
 *
 * <p>Spark registers every state variable anew for every task of every batch (an encoder each,
 * built through its analyzer): that is per-batch work whatever the batch holds, so the state
 * variables are few.
 *
 * <p>State per stream: the panes' aggregates per (pane, kind, currency); per user the panes they
 * chatted in; per window its count of unique chatters, kept exact incrementally (a user's first
 * chat in a pane counts for each window containing the pane that holds none of the user's other
 * panes). A pane leaves the state, by an event-time timer, once the watermark has closed every
 * window containing it: the state is the open windows' panes, and no batch scans it.
 *
 * <p>Events at or behind the watermark never get here: Spark drops them before this operator
 * (counted as {@code numRowsDroppedByWatermark}), so every window an event falls in is open.
 */
public final class PaneWindows extends StatefulProcessor<String, Row, Row> {

  private static final long serialVersionUID = 1L;

  private final long slideMs;
  private final int panesPerWindow;
  private final long watermarkDelayMs;
  private transient MapState<String, Long> seenIds;
  private transient MapState<String, EventIds> idChunks;
  private transient ValueState<IdChunks> idChunkIndex;
  private transient ValueState<Long> panesClosedBefore;
  private transient MapState<String, PaneAggregate> panes;
  private transient MapState<String, ChatterPanes> chatters;
  private transient MapState<Long, Long> uniqueChatters;

  public PaneWindows(SlidingWindows windows, Duration watermarkDelay) {
    this.slideMs = windows.slide().toMillis();
    this.panesPerWindow = windows.windowsPerEvent();
    this.watermarkDelayMs = watermarkDelay.toMillis();
  }

  @Override
  public void init(OutputMode outputMode, TimeMode timeMode) {
    seenIds =
        getHandle().getMapState("seenIds", Encoders.STRING(), Encoders.LONG(), TTLConfig.NONE());
    idChunks =
        getHandle()
            .getMapState(
                "idChunks", Encoders.STRING(), Encoders.bean(EventIds.class), TTLConfig.NONE());
    idChunkIndex =
        getHandle().getValueState("idChunkIndex", Encoders.bean(IdChunks.class), TTLConfig.NONE());
    panesClosedBefore =
        getHandle().getValueState("panesClosedBefore", Encoders.LONG(), TTLConfig.NONE());
    panes =
        getHandle()
            .getMapState(
                "panes", Encoders.STRING(), Encoders.bean(PaneAggregate.class), TTLConfig.NONE());
    chatters =
        getHandle()
            .getMapState(
                "chatters", Encoders.STRING(), Encoders.bean(ChatterPanes.class), TTLConfig.NONE());
    uniqueChatters =
        getHandle()
            .getMapState("uniqueChatters", Encoders.LONG(), Encoders.LONG(), TTLConfig.NONE());
  }

  @Override
  public scala.collection.Iterator<Row> handleInputRows(
      String streamId, scala.collection.Iterator<Row> events, TimerValues timerValues) {
    Map<PaneKey, PaneAggregate> added = new HashMap<>();
    Map<String, Set<Long>> chatted = new HashMap<>();
    Map<Long, List<String>> newIds = new HashMap<>();
    Set<String> batchIds = new HashSet<>();
    while (events.hasNext()) {
      Row event = events.next();
      long pane =
          Math.floorDiv(PaneAggregate.micros(event.getTimestamp(PaneInput.TS)), slideMs * 1000);
      String eventId = event.getString(PaneInput.EVENT_ID);
      if (!batchIds.add(eventId) || seenIds.containsKey(eventId)) {
        continue; // a duplicate: the first event of an id counts
      }
      seenIds.updateValue(eventId, pane);
      newIds.computeIfAbsent(pane, p -> new ArrayList<>()).add(eventId);
      PaneKey key =
          new PaneKey(
              pane,
              event.getString(PaneInput.KIND),
              event.isNullAt(PaneInput.CURRENCY) ? null : event.getString(PaneInput.CURRENCY));
      added.computeIfAbsent(key, k -> new PaneAggregate()).add(event);
      if (EventRows.CHAT.equals(key.kind()) && !event.isNullAt(PaneInput.USER_ID)) {
        chatted.computeIfAbsent(event.getString(PaneInput.USER_ID), u -> new TreeSet<>()).add(pane);
      }
    }
    rememberIds(newIds);
    Map<PaneKey, PaneAggregate> current = new HashMap<>();
    added.forEach((key, delta) -> current.put(key, store(key, delta)));
    Map<Long, Long> unique = countNewChatters(chatted);
    List<Row> rows = new ArrayList<>();
    for (WindowKey window : windowsOf(added.keySet())) {
      rows.add(row(streamId, window, current, unique));
    }
    return CollectionConverters.asScala(rows.iterator());
  }

  @Override
  public scala.collection.Iterator<Row> handleExpiredTimer(
      String streamId, TimerValues timerValues, ExpiredTimerInfo expiredTimerInfo) {
    long watermark = timerValues.getCurrentWatermarkInMs();
    forgetIds(Math.floorDiv(watermark - watermarkDelayMs, slideMs));
    // The first pane of the oldest window the watermark keeps open; before it, nothing is read.
    long firstOpen = Math.floorDiv(watermark, slideMs) - panesPerWindow + 1;
    if (panesClosedBefore.exists() && panesClosedBefore.get() >= firstOpen) {
      return CollectionConverters.asScala(List.<Row>of().iterator());
    }
    panesClosedBefore.update(firstOpen);
    List<String> closedPanes = new ArrayList<>();
    CollectionConverters.asJava(panes.keys())
        .forEachRemaining(
            id -> {
              if (PaneKey.paneOf(id) < firstOpen) {
                closedPanes.add(id);
              }
            });
    closedPanes.forEach(panes::removeKey);
    List<Long> closedWindows = new ArrayList<>();
    CollectionConverters.asJava(uniqueChatters.keys())
        .forEachRemaining(
            start -> {
              if (start < firstOpen) {
                closedWindows.add(start);
              }
            });
    closedWindows.forEach(uniqueChatters::removeKey);
    Map<String, ChatterPanes> pruned = new HashMap<>();
    CollectionConverters.asJava(chatters.iterator())
        .forEachRemaining(
            entry -> {
              ChatterPanes user = entry._2();
              if (user.forgetBefore(firstOpen)) {
                pruned.put(entry._1(), user);
              }
            });
    pruned.forEach(
        (user, kept) -> {
          if (kept.getPanes().length == 0) {
            chatters.removeKey(user);
          } else {
            chatters.updateValue(user, kept);
          }
        });
    return CollectionConverters.asScala(List.<Row>of().iterator());
  }

  /**
   * Keeps each pane's new event ids as a chunk of the pane, to be forgotten with it by the pane's
   * timer (registering it again is harmless: a timer is kept once per time).
   */
  private void rememberIds(Map<Long, List<String>> newIds) {
    if (newIds.isEmpty()) {
      return;
    }
    IdChunks index = idChunkIndex.exists() ? idChunkIndex.get() : IdChunks.none();
    newIds.forEach(
        (pane, ids) -> {
          getHandle().registerTimer(forgetAt(pane));
          // The key is new: a chunk's first id stays in seenIds as long as the chunk, so it is
          // never the first new id of a later batch.
          String key = IdChunks.key(pane, ids.get(0));
          idChunks.updateValue(key, EventIds.of(ids));
          index.add(pane, key);
        });
    idChunkIndex.update(index);
  }

  /**
   * Forgets the ids of the panes before {@code firstKept}: their events' time plus the watermark
   * delay is behind the watermark, so a duplicate of them is late and dropped before it gets here
   * (Spark's {@code dropDuplicatesWithinWatermark} keeps an id as long).
   */
  private void forgetIds(long firstKept) {
    if (!idChunkIndex.exists()) {
      return;
    }
    IdChunks index = idChunkIndex.get();
    List<String> expired = index.removeBefore(firstKept);
    if (expired.isEmpty()) {
      return;
    }
    for (String key : expired) {
      EventIds chunk = idChunks.getValue(key);
      if (chunk != null) {
        for (String id : chunk.getIds()) {
          seenIds.removeKey(id);
        }
      }
      idChunks.removeKey(key);
    }
    if (index.isEmpty()) {
      idChunkIndex.clear();
    } else {
      idChunkIndex.update(index);
    }
  }

  private long forgetAt(long pane) {
    return (pane + 1) * slideMs + watermarkDelayMs;
  }

  /** Adds a batch's aggregate of a pane to its state; the pane as it is now. */
  private PaneAggregate store(PaneKey key, PaneAggregate delta) {
    String id = key.id();
    PaneAggregate stored = panes.getValue(id);
    if (stored == null) {
      stored = delta;
      // the pane leaves the state when the watermark closes the last window containing it
      getHandle().registerTimer((key.pane() + panesPerWindow) * slideMs);
    } else {
      stored.merge(delta);
    }
    panes.updateValue(id, stored);
    return stored;
  }

  /**
   * Records the panes each user chatted in this batch; the new unique-chatter count of every window
   * that got a user it had not seen.
   */
  private Map<Long, Long> countNewChatters(Map<String, Set<Long>> chatted) {
    Map<Long, Long> newInWindow = new TreeMap<>();
    chatted.forEach(
        (user, userPanes) -> {
          ChatterPanes seen = chatters.getValue(user);
          if (seen == null) {
            seen = ChatterPanes.none();
          }
          boolean changed = false;
          for (long pane : userPanes) {
            if (seen.contains(pane)) {
              continue;
            }
            for (long start = pane - panesPerWindow + 1; start <= pane; start++) {
              if (!seen.anyBetween(start, start + panesPerWindow - 1)) {
                newInWindow.merge(start, 1L, Long::sum);
              }
            }
            seen.add(pane);
            changed = true;
          }
          if (changed) {
            chatters.updateValue(user, seen);
          }
        });
    Map<Long, Long> counts = new HashMap<>();
    newInWindow.forEach(
        (start, added) -> {
          Long before = uniqueChatters.getValue(start);
          long now = (before == null ? 0 : before) + added;
          uniqueChatters.updateValue(start, now);
          counts.put(start, now);
        });
    return counts;
  }

  /** Every window (start pane, kind, currency) containing one of {@code changed}. */
  private Set<WindowKey> windowsOf(Set<PaneKey> changed) {
    Set<WindowKey> windows = new LinkedHashSet<>();
    for (PaneKey pane : changed) {
      for (long start = pane.pane() - panesPerWindow + 1; start <= pane.pane(); start++) {
        windows.add(new WindowKey(start, pane.kind(), pane.currency()));
      }
    }
    return windows;
  }

  private Row row(
      String streamId,
      WindowKey window,
      Map<PaneKey, PaneAggregate> current,
      Map<Long, Long> unique) {
    PaneAggregate merged = new PaneAggregate();
    for (long pane = window.start(); pane < window.start() + panesPerWindow; pane++) {
      PaneKey key = new PaneKey(pane, window.kind(), window.currency());
      PaneAggregate a = current.computeIfAbsent(key, k -> panes.getValue(k.id()));
      if (a != null) {
        merged.merge(a);
      }
    }
    long uniqueChatterCount = 0;
    if (EventRows.CHAT.equals(window.kind())) {
      Long count = unique.get(window.start());
      if (count == null) {
        count = uniqueChatters.getValue(window.start());
      }
      uniqueChatterCount = count == null ? 0 : count;
    }
    long startMs = window.start() * slideMs;
    return RowFactory.create(
        streamId,
        new Timestamp(startMs),
        new Timestamp(startMs + panesPerWindow * slideMs),
        window.kind(),
        window.currency(),
        merged.getEventCount(),
        (int) uniqueChatterCount,
        merged.sentiment(),
        merged.getPositiveCount(),
        merged.getNeutralCount(),
        merged.getNegativeCount(),
        merged.viewers(),
        merged.getViewerMin(),
        merged.getViewerMax(),
        merged.getViewerLast(),
        merged.amount());
  }

  /** One pane of one kind (and currency) of the stream. */
  record PaneKey(long pane, String kind, String currency) {

    /** The state's key: pane index, kind and currency. */
    String id() {
      return pane + "|" + kind + "|" + (currency == null ? "" : currency);
    }

    static long paneOf(String id) {
      return Long.parseLong(id.substring(0, id.indexOf('|')));
    }
  }

  /** One window, by its first pane, of one kind (and currency) of the stream. */
  record WindowKey(long start, String kind, String currency) {}
}
