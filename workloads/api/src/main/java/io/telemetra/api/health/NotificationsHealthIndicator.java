package io.telemetra.api.health;

import io.telemetra.api.live.LiveHub;
import io.telemetra.api.live.UpdateListener;
import io.telemetra.schema.Notifications;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Whether the LISTEN connection that drives WebSocket pushes is open (DEGRADED while not). */
@Component("notifications")
public class NotificationsHealthIndicator implements HealthIndicator {

  private final UpdateListener listener;
  private final LiveHub hub;

  public NotificationsHealthIndicator(UpdateListener listener, LiveHub hub) {
    this.listener = listener;
    this.hub = hub;
  }

  @Override
  public Health health() {
    Health.Builder health =
        listener.isListening() ? Health.up() : Health.status(CacheHealthIndicator.DEGRADED);
    health.withDetail("channel", Notifications.CHANNEL).withDetail("websocket_clients", hub.size());
    if (!listener.isListening() && listener.lastError() != null) {
      health.withDetail("error", listener.lastError());
    }
    return health.build();
  }
}
