package io.telemetra.api.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.telemetra.api.metrics.LatestWindow;
import io.telemetra.api.metrics.MetricsPoint;
import io.telemetra.api.metrics.WindowRepository;
import io.telemetra.api.stream.StreamPage;
import io.telemetra.api.stream.StreamRepository;
import io.telemetra.api.web.ApiException;
import io.telemetra.api.web.Paging;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Service;

/**
 * The hot reads (a stream's newest window, the stream list) as JSON, served from the cache and
 * filled from Postgres on a miss. A value read before an invalidation is never cached after it.
 */
@Service
public class CachedReads {

  private final HotReadCache cache;
  private final WindowRepository windows;
  private final StreamRepository streams;
  private final ObjectMapper json;
  private final AtomicLong generation = new AtomicLong();
  private final Counter hits;
  private final Counter misses;

  public CachedReads(
      HotReadCache cache,
      WindowRepository windows,
      StreamRepository streams,
      ObjectMapper json,
      MeterRegistry meters) {
    this.cache = cache;
    this.windows = windows;
    this.streams = streams;
    this.json = json;
    this.hits = Counter.builder("telemetra.cache.requests").tag("result", "hit").register(meters);
    this.misses =
        Counter.builder("telemetra.cache.requests").tag("result", "miss").register(meters);
  }

  /** JSON of the stream's newest window; 404 if the stream is unknown or has no window. */
  public String liveWindow(String streamId) {
    Optional<String> cached = cache.liveWindow(streamId);
    if (cached.isPresent()) {
      hits.increment();
      return cached.get();
    }
    misses.increment();
    long before = generation.get();
    MetricsPoint point = windows.latest(List.of(streamId)).get(streamId);
    if (point == null) {
      throw windows.isKnown(streamId)
          ? ApiException.noWindowYet(streamId)
          : ApiException.unknownStream(streamId);
    }
    String body = write(new LatestWindow(streamId, point));
    putIfCurrent(before, () -> cache.putLiveWindow(streamId, body));
    return body;
  }

  /** JSON of one page of the stream list. */
  public String streamPage(String status, Paging paging) {
    String key = (status == null ? "all" : status) + ":" + paging.page() + ":" + paging.size();
    Optional<String> cached = cache.streamPage(key);
    if (cached.isPresent()) {
      hits.increment();
      return cached.get();
    }
    misses.increment();
    long before = generation.get();
    StreamPage page = streams.page(status, paging);
    String body = write(page);
    putIfCurrent(before, () -> cache.putStreamPage(key, body));
    return body;
  }

  /** Forgets what the given streams' changes made stale. */
  public void invalidate(Collection<String> streamIds) {
    generation.incrementAndGet();
    cache.invalidate(streamIds);
  }

  /** Forgets everything. */
  public void invalidateAll() {
    generation.incrementAndGet();
    cache.invalidateAll();
  }

  private void putIfCurrent(long before, Runnable put) {
    if (generation.get() == before) {
      put.run();
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  /** Exposed for tests and the health indicator. */
  public HotReadCache cache() {
    return cache;
  }
}
