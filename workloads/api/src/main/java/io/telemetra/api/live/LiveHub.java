package io.telemetra.api.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.telemetra.api.cache.CachedReads;
import io.telemetra.api.metrics.MetricsPoint;
import io.telemetra.api.metrics.WindowRepository;
import io.telemetra.api.moment.Moment;
import io.telemetra.api.moment.MomentRepository;
import io.telemetra.api.stream.Stream;
import io.telemetra.api.stream.StreamRepository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.handler.SessionLimitExceededException;

/**
 * The WebSocket clients and their subscriptions. On each update from Postgres it invalidates the
 * cache, queries the changed windows, moments and streams once, and fans the messages out to the
 * subscribed clients on a small pool of sender threads. A client whose send buffer or send time
 * exceeds its limit is dropped, so a slow client never holds up the others.
 */
public class LiveHub {

  private static final Logger log = LoggerFactory.getLogger(LiveHub.class);
  private static final TextMessage PING = new TextMessage("{\"type\":\"ping\"}");

  private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();
  private final Map<String, String> knownStatus = new ConcurrentHashMap<>();
  private final CachedReads cache;
  private final WindowRepository windows;
  private final MomentRepository moments;
  private final StreamRepository streams;
  private final ObjectMapper json;
  private final ExecutorService senders;
  private final Counter dropped;
  private final Counter sent;
  private final io.micrometer.core.instrument.Timer updates;

  public LiveHub(
      CachedReads cache,
      WindowRepository windows,
      MomentRepository moments,
      StreamRepository streams,
      ObjectMapper json,
      ExecutorService senders,
      MeterRegistry meters) {
    this.cache = cache;
    this.windows = windows;
    this.moments = moments;
    this.streams = streams;
    this.json = json;
    this.senders = senders;
    this.dropped = Counter.builder("telemetra.ws.dropped").register(meters);
    this.sent = Counter.builder("telemetra.ws.messages.sent").register(meters);
    this.updates =
        io.micrometer.core.instrument.Timer.builder("telemetra.updates.handled")
            .description("NOTIFY handling: invalidation and the queries for pushed messages")
            .register(meters);
    Gauge.builder("telemetra.ws.sessions", subscribers, Map::size).register(meters);
  }

  void add(Subscriber subscriber) {
    subscribers.put(subscriber.id(), subscriber);
  }

  void remove(String sessionId) {
    subscribers.remove(sessionId);
  }

  /** Number of connected clients. */
  public int size() {
    return subscribers.size();
  }

  /** Adds streams to a client's subscription; remembers their status to detect changes. */
  void subscribe(Subscriber subscriber, Collection<String> streamIds) {
    subscriber.streams.addAll(streamIds);
    List<String> unknown = streamIds.stream().filter(id -> !knownStatus.containsKey(id)).toList();
    if (!unknown.isEmpty()) {
      for (Stream s : streams.byIds(unknown)) {
        knownStatus.putIfAbsent(s.streamId(), signature(s));
      }
    }
  }

  /** Handles what Postgres said changed: invalidate, query once, fan out. */
  public void onUpdate(Update update) {
    updates.record(() -> handle(update));
  }

  private void handle(Update update) {
    if (update.allStreams()) {
      cache.invalidateAll();
    } else {
      cache.invalidate(update.streams());
    }
    Map<String, List<Subscriber>> byStream = subscribersByStream();
    Set<String> affected = new TreeSet<>(byStream.keySet());
    if (!update.allStreams()) {
      affected.retainAll(update.streams());
    }
    if (affected.isEmpty()) {
      return;
    }
    Map<String, List<TextMessage>> messages = new LinkedHashMap<>();
    Map<String, List<MetricsPoint>> changed = windows.writtenBy(affected, update.batchIds());
    Set<String> withoutWindows = new HashSet<>(affected);
    withoutWindows.removeAll(changed.keySet());
    if (!update.allStreams() && !withoutWindows.isEmpty()) {
      // Named by the notification but not found by batch id: push the newest window instead.
      windows.latest(withoutWindows).forEach((id, point) -> changed.put(id, List.of(point)));
    }
    changed.forEach((id, points) -> points.forEach(p -> add(messages, id, windowMessage(id, p))));
    for (Moment m : moments.writtenBy(affected, update.batchIds())) {
      add(messages, m.streamId(), message(Map.of("type", "moment", "moment", m)));
    }
    for (Stream s : streams.byIds(affected)) {
      String now = signature(s);
      String before = knownStatus.put(s.streamId(), now);
      if (!now.equals(before)) {
        add(messages, s.streamId(), message(Map.of("type", "stream", "stream", s)));
      }
    }
    fanOut(byStream, messages);
  }

  /** Tells every client the connection is alive (every 20 s). */
  @Scheduled(fixedRate = 20_000, initialDelay = 20_000)
  public void ping() {
    for (Subscriber s : subscribers.values()) {
      senders.execute(() -> send(s, List.of(PING)));
    }
  }

  private void fanOut(
      Map<String, List<Subscriber>> byStream, Map<String, List<TextMessage>> messages) {
    Map<Subscriber, List<TextMessage>> perClient = new HashMap<>();
    messages.forEach(
        (streamId, list) -> {
          for (Subscriber s : byStream.getOrDefault(streamId, List.of())) {
            perClient.computeIfAbsent(s, k -> new ArrayList<>()).addAll(list);
          }
        });
    perClient.forEach((s, list) -> senders.execute(() -> send(s, list)));
  }

  /** Sends on a sender thread; a client over its limits (or already broken) is dropped. */
  void send(Subscriber subscriber, List<TextMessage> messages) {
    try {
      for (TextMessage m : messages) {
        if (!subscriber.session.isOpen()) {
          return;
        }
        subscriber.session.sendMessage(m);
        sent.increment();
      }
    } catch (SessionLimitExceededException e) {
      drop(subscriber, "too slow: " + e.getMessage());
    } catch (IOException | IllegalStateException e) {
      drop(subscriber, e.getClass().getSimpleName());
    }
  }

  private void drop(Subscriber subscriber, String reason) {
    if (subscribers.remove(subscriber.id()) == null) {
      return;
    }
    dropped.increment();
    log.info("Dropping WebSocket client {} ({})", subscriber.id(), reason);
    try {
      // Close the underlying session: the decorator refuses to once its limit is exceeded.
      subscriber.raw().close(CloseStatus.SESSION_NOT_RELIABLE);
    } catch (IOException | RuntimeException e) {
      log.debug("Closing WebSocket client {} failed", subscriber.id(), e);
    }
  }

  private Map<String, List<Subscriber>> subscribersByStream() {
    Map<String, List<Subscriber>> byStream = new HashMap<>();
    for (Subscriber s : subscribers.values()) {
      for (String id : s.streams) {
        byStream.computeIfAbsent(id, k -> new ArrayList<>()).add(s);
      }
    }
    return byStream;
  }

  private TextMessage windowMessage(String streamId, MetricsPoint point) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "window");
    body.put("stream_id", streamId);
    body.put("window", point);
    return message(body);
  }

  TextMessage message(Map<String, Object> body) {
    try {
      return new TextMessage(json.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize a live message", e);
    }
  }

  private static void add(Map<String, List<TextMessage>> messages, String id, TextMessage m) {
    messages.computeIfAbsent(id, k -> new ArrayList<>()).add(m);
  }

  private static String signature(Stream s) {
    return s.status() + "@" + s.statusChangedAt();
  }
}
