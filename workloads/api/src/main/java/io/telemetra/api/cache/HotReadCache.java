package io.telemetra.api.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Cache of hot read responses (serialized JSON): each stream's newest window and the pages of the
 * stream list. Invalidated on every Postgres NOTIFY; never the source of truth.
 */
public interface HotReadCache {

  /** The cached JSON of a stream's newest window. */
  Optional<String> liveWindow(String streamId);

  void putLiveWindow(String streamId, String json);

  /** The cached JSON of one page of the stream list ({@code pageKey} names status/page/size). */
  Optional<String> streamPage(String pageKey);

  void putStreamPage(String pageKey, String json);

  /** Forgets the given streams' newest windows and every stream-list page. */
  void invalidate(Collection<String> streamIds);

  /** Forgets everything (a NOTIFY that names no streams, or a LISTEN reconnect). */
  void invalidateAll();

  /** Health details: which cache, and whether it is usable right now. */
  Status status();

  /** What the health endpoint reports about the cache. */
  record Status(boolean degraded, Map<String, Object> details) {}
}
