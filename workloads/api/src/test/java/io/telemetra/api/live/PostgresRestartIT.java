package io.telemetra.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.telemetra.api.support.ApiTestSupport;
import io.telemetra.api.support.Infrastructure;
import io.telemetra.api.support.LiveClient;
import io.telemetra.api.support.Rows;
import io.telemetra.embedded.Postgres;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class PostgresRestartIT extends ApiTestSupport {

  @Test
  void whilePostgresIsDownReadinessFailsAndAfterItReturnsPushesResume() {
    Postgres postgres = Infrastructure.postgres();
    Rows rows = rows();
    String id = Rows.uniqueStreamId("restart");
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    rows.stream(id, "online", now);
    try (LiveClient client = LiveClient.connect(HTTP, port, TOKEN)) {
      client.subscribe(id);
      await().atMost(Duration.ofSeconds(5)).until(() -> client.received().size() == 1);
      try {
        postgres.stop();
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> getAnonymous("/actuator/health/readiness").statusCode() == 503);
        assertThat(getAnonymous("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/api/v1/streams/" + id + "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(503);
        assertThat(json(metrics).path("type").asText()).endsWith("/database-unavailable");
        assertThat(metrics.body()).doesNotContain("Exception", "jdbc", "SELECT");
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    json(getAnonymous("/actuator/health"))
                        .path("components")
                        .path("notifications")
                        .path("status")
                        .asText()
                        .equals("DEGRADED"));
      } finally {
        postgres.start();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  json(getAnonymous("/actuator/health"))
                      .path("components")
                      .path("notifications")
                      .path("status")
                      .asText()
                      .equals("UP"));
      assertThat(getAnonymous("/actuator/health/readiness").statusCode()).isEqualTo(200);
      rows.chat(id, now, 77, 7, null, 300);
      rows.notifyUpdate("{\"batch_id\":300,\"streams\":[\"" + id + "\"],\"moments\":0}");
      await()
          .atMost(Duration.ofSeconds(2))
          .until(
              () ->
                  client.received().stream()
                      .anyMatch(
                          m ->
                              m.path("type").asText().equals("window")
                                  && m.path("window").path("chat_count").asLong() == 77));
    }
  }
}
