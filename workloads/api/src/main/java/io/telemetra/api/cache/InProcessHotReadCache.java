package io.telemetra.api.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The cache used when REDIS_HOST is unset: in this process only, with a time-to-live. */
public class InProcessHotReadCache implements HotReadCache {

  private final Cache<String, String> live;
  private final Cache<String, String> pages;

  public InProcessHotReadCache(Duration ttl) {
    live = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000).build();
    pages = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
  }

  @Override
  public Optional<String> liveWindow(String streamId) {
    return Optional.ofNullable(live.getIfPresent(streamId));
  }

  @Override
  public void putLiveWindow(String streamId, String json) {
    live.put(streamId, json);
  }

  @Override
  public Optional<String> streamPage(String pageKey) {
    return Optional.ofNullable(pages.getIfPresent(pageKey));
  }

  @Override
  public void putStreamPage(String pageKey, String json) {
    pages.put(pageKey, json);
  }

  @Override
  public void invalidate(Collection<String> streamIds) {
    live.invalidateAll(streamIds);
    pages.invalidateAll();
  }

  @Override
  public void invalidateAll() {
    live.invalidateAll();
    pages.invalidateAll();
  }

  @Override
  public Status status() {
    return new Status(false, Map.of("cache", "in-process", "reason", "REDIS_HOST is not set"));
  }
}
