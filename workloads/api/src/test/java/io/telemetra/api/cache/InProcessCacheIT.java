package io.telemetra.api.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.api.support.ApiTestSupport;
import io.telemetra.api.support.Infrastructure;
import io.telemetra.api.support.Rows;
import io.telemetra.embedded.Postgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "API_AUTH_TOKEN=" + ApiTestSupport.TOKEN)
class InProcessCacheIT {

  @LocalServerPort int port;
  @Autowired HotReadCache cache;

  @DynamicPropertySource
  static void postgresOnly(DynamicPropertyRegistry registry) {
    Postgres postgres = Infrastructure.postgres();
    registry.add("POSTGRES_URL", postgres::jdbcUrl);
    registry.add("POSTGRES_USER", postgres::user);
    registry.add("POSTGRES_PASSWORD", postgres::password);
  }

  @Test
  void withoutRedisHostAnInProcessCacheServesAndHealthSaysSo() throws Exception {
    assertThat(cache).isInstanceOf(InProcessHotReadCache.class);
    Postgres postgres = Infrastructure.postgres();
    Rows rows = new Rows(postgres.jdbcUrl(), postgres.user(), postgres.password());
    String id = Rows.uniqueStreamId("in-process");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    rows.chat(id, now, 11, 4, null, 1);
    assertThat(live(id).path("chat_count").asLong()).isEqualTo(11);
    assertThat(cache.liveWindow(id)).isPresent();
    rows.chat(id, now, 12, 4, null, 2);
    assertThat(live(id).path("chat_count").asLong()).isEqualTo(11);
    rows.notifyUpdate("{\"batch_id\":2,\"streams\":[\"" + id + "\"],\"moments\":0}");
    await().atMost(Duration.ofSeconds(2)).until(() -> cache.liveWindow(id).isEmpty());
    assertThat(live(id).path("chat_count").asLong()).isEqualTo(12);

    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode cacheHealth =
        new ObjectMapper().readTree(health.body()).path("components").path("cache");
    assertThat(cacheHealth.path("status").asText()).isEqualTo("UP");
    assertThat(cacheHealth.path("details").path("cache").asText()).isEqualTo("in-process");
  }

  private JsonNode live(String id) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/streams/" + id + "/live"))
                    .header("Authorization", "Bearer " + ApiTestSupport.TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }
}
