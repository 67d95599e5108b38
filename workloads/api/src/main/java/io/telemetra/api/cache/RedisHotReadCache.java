package io.telemetra.api.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The Redis-backed cache. Every Redis failure opens a circuit: for {@code cooldown} the cache is
 * skipped (reads go to Postgres), then Redis is tried again. Because invalidations may have been
 * missed while Redis was unreachable, the first use after an outage forgets every cached entry.
 */
public class RedisHotReadCache implements HotReadCache, AutoCloseable {

  static final String PREFIX = "telemetra:";
  static final String LIVE_PREFIX = PREFIX + "live:";
  static final String STREAM_PAGES = PREFIX + "streams";

  private static final Logger log = LoggerFactory.getLogger(RedisHotReadCache.class);

  private final UnifiedJedis redis;
  private final String address;
  private final long ttlSeconds;
  private final long cooldownNanos;
  private volatile long openUntilNanos;
  private volatile boolean open;
  private volatile String lastError;
  private final AtomicBoolean flushNeeded = new AtomicBoolean(true);

  public RedisHotReadCache(JedisPooled redis, String address, Duration ttl, Duration cooldown) {
    this.redis = redis;
    this.address = address;
    this.ttlSeconds = Math.max(1, ttl.toSeconds());
    this.cooldownNanos = cooldown.toNanos();
  }

  /** The key under which a stream's newest window is cached. */
  public static String liveKey(String streamId) {
    return LIVE_PREFIX + streamId;
  }

  @Override
  public Optional<String> liveWindow(String streamId) {
    return Optional.ofNullable(call(r -> r.get(liveKey(streamId))));
  }

  @Override
  public void putLiveWindow(String streamId, String json) {
    call(r -> r.setex(liveKey(streamId), ttlSeconds, json));
  }

  @Override
  public Optional<String> streamPage(String pageKey) {
    return Optional.ofNullable(call(r -> r.hget(STREAM_PAGES, pageKey)));
  }

  @Override
  public void putStreamPage(String pageKey, String json) {
    call(
        r -> {
          r.hset(STREAM_PAGES, pageKey, json);
          return r.expire(STREAM_PAGES, ttlSeconds);
        });
  }

  @Override
  public void invalidate(Collection<String> streamIds) {
    List<String> keys = new ArrayList<>(streamIds.size() + 1);
    keys.add(STREAM_PAGES);
    streamIds.forEach(id -> keys.add(liveKey(id)));
    if (call(r -> r.del(keys.toArray(String[]::new))) == null) {
      flushNeeded.set(true);
    }
  }

  @Override
  public void invalidateAll() {
    // Flushes now if Redis is reachable, else on the first use after the outage.
    flushNeeded.set(true);
    call(r -> 0L);
  }

  @Override
  public Status status() {
    if (isOpen()) {
      return degraded();
    }
    String pong = call(UnifiedJedis::ping);
    if (pong == null) {
      return degraded();
    }
    return new Status(false, details("up"));
  }

  private Status degraded() {
    Map<String, Object> details = details("unavailable");
    details.put("fallback", "reads served from Postgres");
    details.put("retry_in_ms", Math.max(0, (openUntilNanos - System.nanoTime()) / 1_000_000));
    if (lastError != null) {
      details.put("error", lastError);
    }
    return new Status(true, details);
  }

  private Map<String, Object> details(String state) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("cache", "redis");
    details.put("address", address);
    details.put("state", state);
    return details;
  }

  /** Runs one Redis call unless the circuit is open; null when skipped or failed. */
  private <T> T call(Function<UnifiedJedis, T> command) {
    if (isOpen()) {
      return null;
    }
    if (flushNeeded.get() && !tryFlush()) {
      return null;
    }
    try {
      return command.apply(redis);
    } catch (RuntimeException e) {
      fail(e);
      return null;
    }
  }

  private boolean isOpen() {
    return open && System.nanoTime() - openUntilNanos < 0;
  }

  /** Deletes every key this cache wrote; true once done. Concurrent callers skip the cache. */
  private boolean tryFlush() {
    if (!flushNeeded.compareAndSet(true, false)) {
      return !flushNeeded.get();
    }
    try {
      redis.del(STREAM_PAGES);
      String cursor = ScanParams.SCAN_POINTER_START;
      ScanParams match = new ScanParams().match(LIVE_PREFIX + "*").count(1000);
      do {
        ScanResult<String> page = redis.scan(cursor, match);
        if (!page.getResult().isEmpty()) {
          redis.del(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
      if (open) {
        open = false;
        log.info("Redis at {} is reachable again; cache flushed and back in use", address);
      }
      return true;
    } catch (RuntimeException e) {
      flushNeeded.set(true);
      fail(e);
      return false;
    }
  }

  private void fail(RuntimeException e) {
    lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
    openUntilNanos = System.nanoTime() + cooldownNanos;
    flushNeeded.set(true);
    if (!open) {
      open = true;
      log.warn(
          "Redis at {} failed ({}); serving from Postgres, retrying in {} ms",
          address,
          lastError,
          cooldownNanos / 1_000_000);
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
