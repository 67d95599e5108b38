package io.telemetra.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.embedded.Postgres;
import io.telemetra.embedded.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API started on a random port against real Postgres and real Redis, with a plain HTTP client
 * to call it as any client would. All subclasses share one application context.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "API_AUTH_TOKEN=" + ApiTestSupport.TOKEN,
      "API_CORS_ORIGINS=https://dashboard.example, https://other.example",
      "telemetra.redis.retry-after=1s",
      // Every read goes to Redis here; NearCachedHotReadCacheTest covers the near level.
      "telemetra.cache.near-ttl=0s",
      "telemetra.ws.send-time-limit-ms=1000",
      "telemetra.ws.buffer-size-limit-bytes=65536"
    })
public abstract class ApiTestSupport {

  public static final String TOKEN = "test-token-0123456789";

  protected static final ObjectMapper JSON = new ObjectMapper();
  protected static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort protected int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    Postgres postgres = Infrastructure.postgres();
    RedisServer redis = Infrastructure.redis();
    registry.add("POSTGRES_URL", postgres::jdbcUrl);
    registry.add("POSTGRES_USER", postgres::user);
    registry.add("POSTGRES_PASSWORD", postgres::password);
    registry.add("REDIS_HOST", redis::host);
    registry.add("REDIS_PORT", () -> String.valueOf(redis.port()));
  }

  protected static Rows rows() {
    Postgres postgres = Infrastructure.postgres();
    return new Rows(postgres.jdbcUrl(), postgres.user(), postgres.password());
  }

  /** GET with the valid bearer token. */
  protected HttpResponse<String> get(String path) {
    return send(request(path).header("Authorization", "Bearer " + TOKEN).build());
  }

  /** GET without any token. */
  protected HttpResponse<String> getAnonymous(String path) {
    return send(request(path).build());
  }

  protected HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
  }

  protected static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  protected static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + response.body(), e);
    }
  }
}
