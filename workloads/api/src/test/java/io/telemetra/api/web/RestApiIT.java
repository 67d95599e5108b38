package io.telemetra.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.telemetra.api.support.ApiTestSupport;
import io.telemetra.api.support.Rows;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RestApiIT extends ApiTestSupport {

  static final String ONLINE = Rows.uniqueStreamId("rest-online");
  static final String OFFLINE = Rows.uniqueStreamId("rest-offline");
  static final Instant T0 =
      Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);

  @BeforeAll
  static void insertRows() {
    Rows rows = rows();
    rows.stream(ONLINE, "online", T0.minusSeconds(600));
    rows.stream(OFFLINE, "offline", T0.minusSeconds(300));
    for (int i = 0; i < 3; i++) {
      Instant start = T0.plusSeconds(10L * i);
      rows.chat(ONLINE, start, 30 + i, 10 + i, 0.25, 7);
      rows.viewers(ONLINE, start, 100.5 + i, 90, 110 + i, 105 + i, 7);
    }
    Instant newest = T0.plusSeconds(20);
    rows.revenue(ONLINE, newest, "USD", 2, "12.50", 7);
    rows.revenue(ONLINE, newest, "EUR", 1, "0.99", 7);
    rows.transaction(ONLINE, T0.plusSeconds(1), "tip", "0.10", "USD");
    rows.transaction(ONLINE, T0.plusSeconds(2), "tip", "0.20", "USD");
    rows.transaction(ONLINE, T0.plusSeconds(3), "bits", "5.00", "USD");
    rows.transaction(ONLINE, T0.plusSeconds(4), "gift", "4.99", "EUR");
    rows.transaction(ONLINE, T0.minusSeconds(7200), "tip", "100", "USD");
    rows.moment(ONLINE, T0, "chat_spike", 4.2, 7);
    rows.moment(ONLINE, T0.plusSeconds(10), "viewer_spike", 3.5, 7);
    rows.moment(ONLINE, T0.plusSeconds(20), "chat_spike", 5.0, 7);
  }

  @Test
  void streamListShowsEachStreamWithItsNewestWindowAndTotal() {
    HttpResponse<String> response = get("/api/v1/streams?size=200");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode body = json(response);
    assertThat(body.path("page").asInt()).isZero();
    assertThat(body.path("size").asInt()).isEqualTo(200);
    assertThat(body.path("total").asLong()).isGreaterThanOrEqualTo(2);
    JsonNode online = find(body.path("items"), ONLINE);
    assertThat(online.path("status").asText()).isEqualTo("online");
    assertThat(online.path("title").asText()).isEqualTo("Title of " + ONLINE);
    assertThat(online.path("status_changed_at").asText())
        .isEqualTo(T0.minusSeconds(600).toString());
    assertThat(online.path("latest").path("window_start").asText())
        .isEqualTo(T0.plusSeconds(20).toString());
    assertThat(online.path("latest").path("stream_id").asText()).isEqualTo(ONLINE);
    assertThat(find(body.path("items"), OFFLINE).path("latest").isNull()).isTrue();
  }

  @Test
  void streamListFiltersByStatusAndPages() {
    JsonNode offline = json(get("/api/v1/streams?status=offline&size=200"));
    assertThat(ids(offline.path("items"))).contains(OFFLINE).doesNotContain(ONLINE);
    JsonNode firstPage = json(get("/api/v1/streams?size=1&page=0"));
    JsonNode secondPage = json(get("/api/v1/streams?size=1&page=1"));
    assertThat(firstPage.path("items")).hasSize(1);
    assertThat(secondPage.path("items")).hasSize(1);
    assertThat(ids(firstPage.path("items")))
        .doesNotContainAnyElementsOf(ids(secondPage.path("items")));
  }

  @Test
  void oneStreamIsShownWithItsNewestWindow() {
    JsonNode stream = json(get("/api/v1/streams/" + ONLINE));
    assertThat(stream.path("stream_id").asText()).isEqualTo(ONLINE);
    assertThat(stream.path("streamer").asText()).isEqualTo("streamer-" + ONLINE);
    assertThat(stream.path("latest").path("chat_count").asLong()).isEqualTo(32);
  }

  @Test
  void liveReturnsTheNewestWindowWithRatesViewersAndExactRevenue() {
    HttpResponse<String> response = get("/api/v1/streams/" + ONLINE + "/live");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode live = json(response);
    assertThat(live.path("stream_id").asText()).isEqualTo(ONLINE);
    assertThat(live.path("window_start").asText()).isEqualTo(T0.plusSeconds(20).toString());
    assertThat(live.path("window_end").asText()).isEqualTo(T0.plusSeconds(80).toString());
    assertThat(live.path("chat_count").asLong()).isEqualTo(32);
    assertThat(live.path("chat_rate_per_min").asDouble()).isEqualTo(32.0);
    assertThat(live.path("unique_chatters").asLong()).isEqualTo(12);
    assertThat(live.path("sentiment_mean").asDouble()).isEqualTo(0.25);
    assertThat(live.path("avg_viewers").asDouble()).isEqualTo(102.5);
    assertThat(live.path("max_viewers").asLong()).isEqualTo(112);
    assertThat(live.path("last_viewers").asLong()).isEqualTo(107);
    JsonNode revenue = live.path("revenue");
    assertThat(revenue).hasSize(2);
    assertThat(revenue.get(0).path("currency").asText()).isEqualTo("EUR");
    assertThat(revenue.get(1).path("currency").asText()).isEqualTo("USD");
    assertThat(revenue.get(1).path("amount_sum").isTextual()).isTrue();
    assertThat(revenue.get(1).path("amount_sum").asText()).isEqualTo("12.50");
    assertThat(revenue.get(1).path("transaction_count").asLong()).isEqualTo(2);
  }

  @Test
  void metricsReturnsTheWindowsStartingInTheRangeOldestFirst() {
    String from = T0.toString();
    String to = T0.plusSeconds(20).toString();
    JsonNode series =
        json(get("/api/v1/streams/" + ONLINE + "/metrics?from=" + from + "&to=" + to));
    assertThat(series.path("stream_id").asText()).isEqualTo(ONLINE);
    assertThat(series.path("from").asText()).isEqualTo(from);
    assertThat(series.path("to").asText()).isEqualTo(to);
    JsonNode points = series.path("points");
    assertThat(points).hasSize(2);
    assertThat(points.get(0).path("window_start").asText()).isEqualTo(T0.toString());
    assertThat(points.get(1).path("window_start").asText())
        .isEqualTo(T0.plusSeconds(10).toString());
    assertThat(points.get(0).path("chat_count").asLong()).isEqualTo(30);
    assertThat(points.get(0).has("stream_id")).isFalse();
    assertThat(points.get(0).path("revenue")).isEmpty();
  }

  @Test
  void metricsDefaultsToTheLastHourAndAcceptsOffsets() {
    JsonNode series = json(get("/api/v1/streams/" + ONLINE + "/metrics"));
    assertThat(series.path("points")).hasSize(3);
    // 2 hours before T0 in +02:00, with the '+' percent-encoded.
    String from =
        java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME
            .format(T0.atOffset(java.time.ZoneOffset.ofHours(2)))
            .replace("+", "%2B");
    JsonNode offset = json(get("/api/v1/streams/" + ONLINE + "/metrics?from=" + from));
    assertThat(offset.path("from").asText()).isEqualTo(T0.toString());
    assertThat(offset.path("points")).hasSize(3);
  }

  @Test
  void momentsAreFilteredByStreamAndKindNewestFirst() {
    JsonNode all = json(get("/api/v1/moments?stream_id=" + ONLINE));
    assertThat(all.path("total").asLong()).isEqualTo(3);
    assertThat(all.path("items").get(0).path("window_start").asText())
        .isEqualTo(T0.plusSeconds(20).toString());
    JsonNode first = all.path("items").get(0);
    assertThat(first.path("kind").asText()).isEqualTo("chat_spike");
    assertThat(first.path("score").asDouble()).isEqualTo(5.0);
    assertThat(first.path("value").asDouble()).isEqualTo(120.0);
    assertThat(first.path("baseline_mean").asDouble()).isEqualTo(20.0);
    assertThat(first.path("baseline_stddev").asDouble()).isEqualTo(10.0);
    assertThat(first.path("detected_at").asText()).isNotEmpty();

    JsonNode chat = json(get("/api/v1/moments?stream_id=" + ONLINE + "&kind=chat_spike"));
    assertThat(chat.path("total").asLong()).isEqualTo(2);
    JsonNode ranged =
        json(
            get(
                "/api/v1/moments?stream_id="
                    + ONLINE
                    + "&from="
                    + T0.plusSeconds(5)
                    + "&to="
                    + T0.plusSeconds(15)));
    assertThat(ranged.path("items")).hasSize(1);
    assertThat(ranged.path("items").get(0).path("kind").asText()).isEqualTo("viewer_spike");
    JsonNode paged = json(get("/api/v1/moments?stream_id=" + ONLINE + "&size=1&page=2"));
    assertThat(paged.path("items")).hasSize(1);
    assertThat(paged.path("items").get(0).path("window_start").asText()).isEqualTo(T0.toString());
  }

  @Test
  void transactionSummarySumsExactlyPerCurrencyAndType() {
    JsonNode summary =
        json(
            get(
                "/api/v1/streams/"
                    + ONLINE
                    + "/transactions/summary?from="
                    + T0
                    + "&to="
                    + T0.plusSeconds(60)));
    assertThat(summary.path("stream_id").asText()).isEqualTo(ONLINE);
    JsonNode byCurrency = summary.path("by_currency");
    assertThat(byCurrency).hasSize(2);
    assertThat(byCurrency.get(1).path("currency").asText()).isEqualTo("USD");
    assertThat(byCurrency.get(1).path("amount_sum").asText()).isEqualTo("5.30");
    assertThat(byCurrency.get(1).path("transaction_count").asLong()).isEqualTo(3);
    JsonNode byType = summary.path("by_type");
    assertThat(byType).hasSize(3);
    JsonNode usdTips = byType.get(2);
    assertThat(usdTips.path("type").asText()).isEqualTo("tip");
    assertThat(usdTips.path("currency").asText()).isEqualTo("USD");
    assertThat(usdTips.path("amount_sum").asText()).isEqualTo("0.30");
  }

  @Test
  void openApiDocumentIsOpenAndEveryOperationDeclaresTheBearerScheme() {
    HttpResponse<String> response = getAnonymous("/v3/api-docs");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode doc = json(response);
    assertThat(
            doc.path("components").path("securitySchemes").path("bearer").path("scheme").asText())
        .isEqualTo("bearer");
    assertThat(doc.path("security").toString()).contains("bearer");
    List<String> paths = new ArrayList<>();
    doc.path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths)
        .contains(
            "/api/v1/streams",
            "/api/v1/streams/{streamId}",
            "/api/v1/streams/{streamId}/live",
            "/api/v1/streams/{streamId}/metrics",
            "/api/v1/streams/{streamId}/transactions/summary",
            "/api/v1/moments");
    doc.path("paths")
        .forEach(
            path ->
                path.forEach(
                    operation ->
                        assertThat(operation.path("security").toString())
                            .as(operation.path("summary").asText())
                            .isEqualTo("[{\"bearer\":[]}]")));
    JsonNode live = doc.path("paths").path("/api/v1/streams/{streamId}/live").path("get");
    assertThat(live.path("responses").path("200").toString()).contains("LatestWindow");
    assertThat(
            doc.path("components")
                .path("schemas")
                .path("MetricsPoint")
                .path("properties")
                .has("chat_rate_per_min"))
        .isTrue();
  }

  @Test
  void openApiDocumentDeclaresTheProblemsConstraintsAndNullsTheApiReallyAnswers() {
    JsonNode doc = json(getAnonymous("/v3/api-docs"));
    JsonNode paths = doc.path("paths");
    paths.forEach(
        path ->
            path.forEach(
                operation -> {
                  JsonNode unauthorized = operation.path("responses").path("401");
                  assertThat(unauthorized.path("content").has("application/problem+json"))
                      .as(operation.path("summary").asText())
                      .isTrue();
                  assertThat(unauthorized.path("headers").path("WWW-Authenticate").path("required"))
                      .isEqualTo(BooleanNode.TRUE);
                }));
    JsonNode one = paths.path("/api/v1/streams/{streamId}").path("get");
    assertThat(one.path("responses").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("200", "400", "401", "404", "503");
    assertThat(one.at("/responses/404/content/application~1problem+json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/Problem");
    JsonNode streamId = one.path("parameters").get(0);
    assertThat(streamId.at("/schema/pattern").asText()).isEqualTo(StreamId.PATTERN);
    assertThat(streamId.at("/schema/maxLength").asInt()).isEqualTo(128);

    JsonNode ping = paths.path("/api/v1/ping").path("get");
    assertThat(ping.path("responses").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("200", "401");
    assertThat(ping.at("/responses/200/content/application~1json/schema/$ref").asText())
        .endsWith("/Pong");

    Map<String, JsonNode> streams = parameterSchemas(paths.path("/api/v1/streams"));
    assertThat(streams.get("page").toString())
        .contains("\"integer\"", "\"minimum\":0", "\"maximum\":100000");
    assertThat(streams.get("size").toString())
        .contains("\"integer\"", "\"minimum\":1", "\"maximum\":200");
    assertThat(streams.get("status").path("enum").toString()).isEqualTo("[\"online\",\"offline\"]");
    Map<String, JsonNode> metrics =
        parameterSchemas(paths.path("/api/v1/streams/{streamId}/metrics"));
    assertThat(metrics.get("from").path("format").asText()).isEqualTo("date-time");
    assertThat(metrics.get("to").path("format").asText()).isEqualTo("date-time");

    JsonNode stream = doc.at("/components/schemas/Stream");
    assertThat(stream.at("/properties/latest/anyOf").toString())
        .contains("\"null\"", "LatestWindow");
    assertThat(stream.at("/properties/title/type").toString()).contains("\"null\"");
    assertThat(stream.at("/properties/stream_id/type").toString()).doesNotContain("null");
    assertThat(stream.path("required").toString()).contains("\"latest\"", "\"stream_id\"");
    assertThat(doc.at("/components/schemas/MetricsPoint/properties/sentiment_mean/type").toString())
        .contains("\"null\"");
  }

  /** The schema of each parameter of a path's GET, by name. */
  private static Map<String, JsonNode> parameterSchemas(JsonNode path) {
    Map<String, JsonNode> schemas = new HashMap<>();
    path.path("get")
        .path("parameters")
        .forEach(p -> schemas.put(p.path("name").asText(), p.path("schema")));
    return schemas;
  }

  @Test
  void swaggerUiAndTheDashboardAreServedWithoutAToken() {
    HttpResponse<String> docs = getAnonymous("/docs");
    assertThat(docs.statusCode()).isEqualTo(302);
    assertThat(getAnonymous("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    HttpResponse<String> index = getAnonymous("/");
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.body()).contains("<html");
  }

  @Test
  void healthProbesAreOpenAndPrometheusNeedsTheToken() {
    HttpResponse<String> liveness = getAnonymous("/actuator/health/liveness");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(json(liveness).path("status").asText()).isEqualTo("UP");
    JsonNode readiness = json(getAnonymous("/actuator/health/readiness"));
    assertThat(readiness.path("status").asText()).isEqualTo("UP");
    assertThat(readiness.path("components").has("db")).isTrue();
    assertThat(readiness.path("components").has("cache")).isFalse();
    JsonNode health = json(getAnonymous("/actuator/health"));
    assertThat(health.path("components").path("cache").path("details").path("cache").asText())
        .isEqualTo("redis");
    assertThat(getAnonymous("/actuator/prometheus").statusCode()).isEqualTo(401);
    get("/api/v1/streams/" + ONLINE + "/live");
    HttpResponse<String> prometheus = get("/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body())
        .contains("telemetra_cache_requests_total", "http_server_requests");
  }

  private static JsonNode find(JsonNode items, String id) {
    for (JsonNode item : items) {
      if (item.path("stream_id").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError(id + " not in " + items);
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(i -> ids.add(i.path("stream_id").asText()));
    return ids;
  }
}
