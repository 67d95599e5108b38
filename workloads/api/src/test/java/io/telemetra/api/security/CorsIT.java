package io.telemetra.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.api.support.ApiTestSupport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CorsIT extends ApiTestSupport {

  @Test
  void aConfiguredOriginMayCallTheApiFromABrowser() {
    HttpResponse<String> preflight =
        send(
            request("/api/v1/streams")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://dashboard.example")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .build());
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("https://dashboard.example");
    HttpResponse<String> get =
        send(
            request("/api/v1/streams")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Origin", "https://other.example")
                .build());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin"))
        .contains("https://other.example");
  }

  @Test
  void anyOtherOriginIsRefused() {
    HttpResponse<String> preflight =
        send(
            request("/api/v1/streams")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .build());
    assertThat(preflight.statusCode()).isEqualTo(403);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    HttpResponse<String> get =
        send(
            request("/api/v1/streams")
                .header("Authorization", "Bearer " + TOKEN)
                .header("Origin", "https://evil.example")
                .build());
    assertThat(get.statusCode()).isEqualTo(403);
  }

  @Test
  void theWebSocketRefusesPagesFromOtherOrigins() {
    WebSocket.Listener ignore = new WebSocket.Listener() {};
    assertThat(
            HTTP.newWebSocketBuilder()
                .header("Origin", "https://evil.example")
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(
                    URI.create("ws://127.0.0.1:" + port + "/ws?access_token=" + TOKEN), ignore)
                .handle((ws, error) -> error)
                .orTimeout(10, TimeUnit.SECONDS)
                .join())
        .isNotNull();
    WebSocket allowed =
        HTTP.newWebSocketBuilder()
            .header("Origin", "https://dashboard.example")
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws?access_token=" + TOKEN), ignore)
            .orTimeout(10, TimeUnit.SECONDS)
            .join();
    allowed.abort();
  }
}
