package io.telemetra.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetra.api.support.ApiTestSupport;
import io.telemetra.api.support.Infrastructure;
import io.telemetra.api.support.Rows;
import io.telemetra.embedded.RedisServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

class RedisCacheIT extends ApiTestSupport {

  static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MINUTES);
  static JedisPooled redis;

  @BeforeAll
  static void connect() {
    RedisServer server = Infrastructure.redis();
    redis = new JedisPooled(server.host(), server.port());
  }

  @AfterAll
  static void disconnect() {
    redis.close();
  }

  @Test
  void aCachedReadIsServedFromRedisUntilANotifyInvalidatesIt() {
    Rows rows = rows();
    String id = Rows.uniqueStreamId("cached");
    rows.stream(id, "online", NOW);
    rows.chat(id, NOW, 10, 5, null, 1);

    HttpResponse<String> first = get("/api/v1/streams/" + id + "/live");
    assertThat(json(first).path("chat_count").asLong()).isEqualTo(10);
    String key = RedisHotReadCache.liveKey(id);
    assertThat(redis.get(key)).isEqualTo(first.body());
    assertThat(redis.ttl(key)).isPositive();
    // The answer really comes from Redis: what Redis holds is what the client gets.
    redis.setex(key, 30, "{\"from\":\"redis\"}");
    assertThat(get("/api/v1/streams/" + id + "/live").body()).isEqualTo("{\"from\":\"redis\"}");
    redis.setex(key, 30, first.body());
    get("/api/v1/streams?size=200");
    assertThat(redis.exists("telemetra:streams")).isTrue();

    // Changed in Postgres without a NOTIFY: the cache still answers with the old window.
    rows.chat(id, NOW, 99, 50, null, 2);
    assertThat(json(get("/api/v1/streams/" + id + "/live")).path("chat_count").asLong())
        .isEqualTo(10);

    rows.notifyUpdate("{\"batch_id\":2,\"streams\":[\"" + id + "\"],\"moments\":0}");
    await().atMost(Duration.ofSeconds(2)).until(() -> !redis.exists(key));
    assertThat(redis.exists("telemetra:streams")).isFalse();
    assertThat(json(get("/api/v1/streams/" + id + "/live")).path("chat_count").asLong())
        .isEqualTo(99);
    assertThat(redis.exists(key)).isTrue();
  }

  @Test
  void aNotifyWithoutStreamsForgetsEveryCachedWindow() {
    Rows rows = rows();
    String id = Rows.uniqueStreamId("all");
    rows.chat(id, NOW, 3, 3, null, 1);
    get("/api/v1/streams/" + id + "/live");
    assertThat(redis.exists(RedisHotReadCache.liveKey(id))).isTrue();
    rows.notifyUpdate("{\"batch_id\":3,\"streams\":null,\"moments\":0}");
    await().atMost(Duration.ofSeconds(2)).until(() -> !redis.exists(RedisHotReadCache.liveKey(id)));
  }

  @Test
  void withRedisDownTheApiServesFromPostgresAndHealthSaysDegradedUntilRedisIsBack() {
    RedisServer server = Infrastructure.redis();
    Rows rows = rows();
    String id = Rows.uniqueStreamId("outage");
    rows.stream(id, "online", NOW);
    rows.chat(id, NOW, 5, 5, null, 1);
    assertThat(json(get("/api/v1/streams/" + id + "/live")).path("chat_count").asLong())
        .isEqualTo(5);
    try {
      server.stop();
      rows.chat(id, NOW, 6, 6, null, 2);
      rows.notifyUpdate("{\"batch_id\":2,\"streams\":[\"" + id + "\"],\"moments\":0}");

      HttpResponse<String> live = get("/api/v1/streams/" + id + "/live");
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(json(live).path("chat_count").asLong()).isEqualTo(6);
      assertThat(get("/api/v1/streams?size=200").statusCode()).isEqualTo(200);

      HttpResponse<String> health = getAnonymous("/actuator/health");
      assertThat(health.statusCode()).isEqualTo(200);
      JsonNode body = json(health);
      assertThat(body.path("status").asText()).isEqualTo("DEGRADED");
      assertThat(body.path("components").path("cache").path("status").asText())
          .isEqualTo("DEGRADED");
      assertThat(body.path("components").path("cache").path("details").path("fallback").asText())
          .contains("Postgres");
      HttpResponse<String> readiness = getAnonymous("/actuator/health/readiness");
      assertThat(readiness.statusCode()).isEqualTo(200);
      assertThat(json(readiness).path("status").asText()).isEqualTo("UP");
    } finally {
      if (!server.isRunning()) {
        server.start();
      }
      // The test's own pooled connections died with the old server.
      redis.close();
      redis = new JedisPooled(server.host(), server.port());
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                json(getAnonymous("/actuator/health"))
                    .path("components")
                    .path("cache")
                    .path("status")
                    .asText()
                    .equals("UP"));
    assertThat(json(get("/api/v1/streams/" + id + "/live")).path("chat_count").asLong())
        .isEqualTo(6);
    assertThat(redis.exists(RedisHotReadCache.liveKey(id))).isTrue();
  }
}
