package io.telemetra.api.health;

import io.telemetra.api.cache.HotReadCache;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The cache's health: UP with Redis or the in-process cache, DEGRADED (HTTP 200) while Redis is
 * unreachable and reads go to Postgres. Not part of readiness: the API serves either way.
 */
@Component("cache")
public class CacheHealthIndicator implements HealthIndicator {

  /** A working API with a missing optional part; mapped to HTTP 200. */
  public static final Status DEGRADED = new Status("DEGRADED", "serving without its cache");

  private final HotReadCache cache;

  public CacheHealthIndicator(HotReadCache cache) {
    this.cache = cache;
  }

  @Override
  public Health health() {
    HotReadCache.Status status = cache.status();
    return Health.status(status.degraded() ? DEGRADED : Status.UP)
        .withDetails(status.details())
        .build();
  }
}
