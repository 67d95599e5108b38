package io.telemetra.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetra.api.support.ApiTestSupport;
import io.telemetra.api.support.Rows;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BadInputIT extends ApiTestSupport {

  static final String KNOWN = Rows.uniqueStreamId("bad-input");
  static final String NOW = Instant.now().toString();
  static final String HOUR_AGO = Instant.now().minusSeconds(3600).toString();
  static final String EIGHT_DAYS_AGO = Instant.now().minusSeconds(8 * 86_400).toString();

  @BeforeAll
  static void knownStream() {
    rows().stream(KNOWN, "online", Instant.now());
  }

  static Stream<Arguments> badRequests() {
    String metrics = "/api/v1/streams/" + KNOWN + "/metrics";
    String summary = "/api/v1/streams/" + KNOWN + "/transactions/summary";
    return Stream.of(
        Arguments.of("/api/v1/streams/no-such-stream", 404, "unknown-stream"),
        Arguments.of("/api/v1/streams/no-such-stream/live", 404, "unknown-stream"),
        Arguments.of("/api/v1/streams/no-such-stream/metrics", 404, "unknown-stream"),
        Arguments.of("/api/v1/streams/no-such-stream/transactions/summary", 404, "unknown-stream"),
        Arguments.of("/api/v1/streams/" + KNOWN + "/live", 404, "no-window"),
        Arguments.of("/api/v1/streams/bad%20id", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams/bad$id/live", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams/" + "x".repeat(129), 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams/%C3%A9t%C3%A9/metrics", 400, "invalid-parameter"),
        Arguments.of(metrics + "?from=" + NOW + "&to=" + HOUR_AGO, 400, "invalid-parameter"),
        Arguments.of(metrics + "?from=" + NOW + "&to=" + NOW, 400, "invalid-parameter"),
        Arguments.of(metrics + "?from=" + EIGHT_DAYS_AGO + "&to=" + NOW, 400, "invalid-parameter"),
        Arguments.of(metrics + "?from=yesterday", 400, "invalid-parameter"),
        Arguments.of(metrics + "?to=2026-13-01T00:00:00Z", 400, "invalid-parameter"),
        Arguments.of(metrics + "?from=2026-11-27T10:00:00", 400, "invalid-parameter"),
        Arguments.of(metrics + "?from=1700000000", 400, "invalid-parameter"),
        Arguments.of(summary + "?from=" + NOW + "&to=" + HOUR_AGO, 400, "invalid-parameter"),
        Arguments.of(summary + "?from=" + EIGHT_DAYS_AGO, 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?size=201", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?size=1000000", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?size=0", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?size=99999999999", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?page=-1", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?page=abc", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?page=100000000", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?status=paused", 400, "invalid-parameter"),
        Arguments.of("/api/v1/moments?size=500", 400, "invalid-parameter"),
        Arguments.of("/api/v1/moments?kind=boom", 400, "invalid-parameter"),
        Arguments.of("/api/v1/moments?stream_id=bad%20id", 400, "invalid-parameter"),
        Arguments.of("/api/v1/moments?from=not-a-time", 400, "invalid-parameter"),
        Arguments.of("/api/v1/moments?from=" + NOW + "&to=" + HOUR_AGO, 400, "invalid-parameter"),
        Arguments.of("/api/v1/no-such-endpoint", 404, "http-404"),
        // An empty value is not a missing one (the OpenAPI document declares no empty values).
        Arguments.of("/api/v1/streams?size=", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?page=", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?status=", 400, "invalid-parameter"),
        Arguments.of("/api/v1/moments?kind=", 400, "invalid-parameter"),
        Arguments.of("/api/v1/moments?stream_id=", 400, "invalid-parameter"),
        Arguments.of("/api/v1/moments?to=", 400, "invalid-parameter"),
        Arguments.of(metrics + "?from=", 400, "invalid-parameter"),
        // Integers and timestamps exactly as the document declares them.
        Arguments.of("/api/v1/streams?size=0x10", 400, "invalid-parameter"),
        Arguments.of("/api/v1/streams?size=%2010", 400, "invalid-parameter"),
        Arguments.of("/api/v1/moments?page=1&page=2", 400, "invalid-parameter"),
        Arguments.of(metrics + "?from=2026-11-27T10:15Z", 400, "invalid-parameter"));
  }

  @ParameterizedTest(name = "{0} is answered {1} {2}")
  @MethodSource("badRequests")
  void badInputGetsAClearClientErrorAsProblemJson(String path, int status, String type) {
    HttpResponse<String> response = get(path);
    assertProblem(response, status, type);
    JsonNode problem = json(response);
    if (status == 400) {
      assertThat(problem.path("errors")).isNotEmpty();
      assertThat(problem.path("errors").get(0).path("field").asText()).isNotEmpty();
    }
  }

  static Stream<Arguments> unauthorized() {
    return Stream.of(
        Arguments.of("/api/v1/streams", null, false),
        Arguments.of("/api/v1/streams", "Bearer wrong-token", true),
        Arguments.of("/api/v1/streams", "Bearer " + TOKEN + "x", true),
        Arguments.of("/api/v1/streams", "Bearer ", false),
        Arguments.of("/api/v1/streams", "Basic dXNlcjpwYXNz", false),
        Arguments.of("/api/v1/streams/no-such-stream/live", null, false),
        Arguments.of("/api/v1/moments?access_token=" + TOKEN, null, false),
        Arguments.of("/actuator/prometheus", "Bearer wrong-token", true),
        Arguments.of("/ws", null, false),
        Arguments.of("/ws?access_token=wrong", null, true));
  }

  @ParameterizedTest(name = "{0} with {1} is 401")
  @MethodSource("unauthorized")
  void aMissingOrWrongTokenIsUnauthorizedWithABearerChallenge(
      String path, String authorization, boolean invalidToken) {
    HttpRequest.Builder request = request(path);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response = send(request.build());
    assertProblem(response, 401, "unauthorized");
    String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
    assertThat(challenge).startsWith("Bearer realm=\"telemetra\"");
    assertThat(challenge.contains("invalid_token")).isEqualTo(invalidToken);
  }

  @org.junit.jupiter.api.Test
  void aStrayMultipartContentTypeOnAGetIsIgnoredNotAServerError() {
    HttpResponse<String> response =
        send(
            request("/api/v1/streams?size=1")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "multipart/form-data")
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @org.junit.jupiter.api.Test
  void anUnsupportedMethodIsAProblemNotAServerError() {
    HttpResponse<String> response =
        send(
            request("/api/v1/streams").header("Authorization", "Bearer " + TOKEN).DELETE().build());
    assertProblem(response, 405, "http-405");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode problem = json(response);
    assertThat(problem.path("type").asText()).isEqualTo("https://telemetra.io/problems/" + type);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotEmpty();
    assertThat(problem.path("detail").asText()).isNotEmpty();
    assertThat(problem.path("instance").asText()).startsWith("/");
    assertThat(response.body())
        .doesNotContain("Exception", "SELECT", "at io.", "at org.", "PSQL", "java.");
  }
}
