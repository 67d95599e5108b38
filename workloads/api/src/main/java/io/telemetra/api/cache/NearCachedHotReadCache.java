package io.telemetra.api.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A short-lived copy in this process in front of the shared cache (Redis). Both levels are
 * invalidated by the same NOTIFY, which every replica LISTENs to; the time-to-live only bounds
 * staleness should a notification be missed. Saves a Redis round trip on the hottest reads.
 */
public class NearCachedHotReadCache implements HotReadCache, AutoCloseable {

  private final HotReadCache shared;
  private final InProcessHotReadCache near;
  private final Duration ttl;

  public NearCachedHotReadCache(HotReadCache shared, Duration ttl) {
    this.shared = shared;
    this.near = new InProcessHotReadCache(ttl);
    this.ttl = ttl;
  }

  @Override
  public Optional<String> liveWindow(String streamId) {
    Optional<String> local = near.liveWindow(streamId);
    if (local.isPresent()) {
      return local;
    }
    Optional<String> remote = shared.liveWindow(streamId);
    remote.ifPresent(json -> near.putLiveWindow(streamId, json));
    return remote;
  }

  @Override
  public void putLiveWindow(String streamId, String json) {
    shared.putLiveWindow(streamId, json);
    near.putLiveWindow(streamId, json);
  }

  @Override
  public Optional<String> streamPage(String pageKey) {
    Optional<String> local = near.streamPage(pageKey);
    if (local.isPresent()) {
      return local;
    }
    Optional<String> remote = shared.streamPage(pageKey);
    remote.ifPresent(json -> near.putStreamPage(pageKey, json));
    return remote;
  }

  @Override
  public void putStreamPage(String pageKey, String json) {
    shared.putStreamPage(pageKey, json);
    near.putStreamPage(pageKey, json);
  }

  @Override
  public void invalidate(Collection<String> streamIds) {
    near.invalidate(streamIds);
    shared.invalidate(streamIds);
  }

  @Override
  public void invalidateAll() {
    near.invalidateAll();
    shared.invalidateAll();
  }

  @Override
  public Status status() {
    Status status = shared.status();
    Map<String, Object> details = new LinkedHashMap<>(status.details());
    details.put("near_cache_ttl_ms", ttl.toMillis());
    return new Status(status.degraded(), details);
  }

  /** The shared level, for tests. */
  public HotReadCache shared() {
    return shared;
  }

  @Override
  public void close() throws Exception {
    if (shared instanceof AutoCloseable closeable) {
      closeable.close();
    }
  }
}
