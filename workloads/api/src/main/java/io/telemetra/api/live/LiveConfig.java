package io.telemetra.api.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.telemetra.api.cache.CachedReads;
import io.telemetra.api.metrics.WindowRepository;
import io.telemetra.api.moment.MomentRepository;
import io.telemetra.api.security.SecurityConfig.CorsOrigins;
import io.telemetra.api.stream.StreamRepository;
import io.telemetra.runtime.PostgresConnection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/** Wires the WebSocket endpoint, the hub, its sender threads and the LISTEN connection. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class LiveConfig implements WebSocketConfigurer {

  private final LiveWebSocketHandler handler;
  private final CorsOrigins origins;

  public LiveConfig(LiveWebSocketHandler handler, CorsOrigins origins) {
    this.handler = handler;
    this.origins = origins;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    // Same-origin pages (the bundled dashboard) are always allowed; others per API_CORS_ORIGINS.
    registry.addHandler(handler, "/ws").setAllowedOrigins(origins.values().toArray(String[]::new));
  }

  @Bean(destroyMethod = "shutdownNow")
  static ExecutorService liveSenders(@Value("${telemetra.ws.sender-threads:16}") int threads) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, "telemetra-ws-send-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  @Bean
  static LiveHub liveHub(
      CachedReads cache,
      WindowRepository windows,
      MomentRepository moments,
      StreamRepository streams,
      ObjectMapper json,
      ExecutorService liveSenders,
      MeterRegistry meters) {
    return new LiveHub(cache, windows, moments, streams, json, liveSenders, meters);
  }

  @Bean
  static LiveWebSocketHandler liveWebSocketHandler(
      LiveHub hub,
      ObjectMapper json,
      @Value("${telemetra.ws.send-time-limit-ms:5000}") int sendTimeLimit,
      @Value("${telemetra.ws.buffer-size-limit-bytes:1048576}") int bufferSizeLimit) {
    return new LiveWebSocketHandler(hub, json, sendTimeLimit, bufferSizeLimit);
  }

  @Bean
  static UpdateListener updateListener(
      PostgresConnection settings, ObjectMapper json, LiveHub hub) {
    return new UpdateListener(settings, json, hub::onUpdate);
  }

  @Bean
  static ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(64 * 1024);
    container.setMaxBinaryMessageBufferSize(1024);
    return container;
  }
}
