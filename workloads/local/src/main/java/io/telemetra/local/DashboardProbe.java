package io.telemetra.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * Asks the running API what the dashboard would show: whether it answers at all, and how many
 * streams already have a window (the moment the dashboard shows moving data).
 */
public final class DashboardProbe {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final String baseUrl;
  private final String token;

  public DashboardProbe(int port, String token) {
    this.baseUrl = "http://127.0.0.1:" + port;
    this.token = token;
  }

  /** Whether the API's health endpoint answers (with any status). */
  public boolean answers() {
    return status("/actuator/health") > 0;
  }

  /**
   * Streams whose newest window, as the API returns it, ends after {@code since}: data that moved
   * since then, not history from an earlier run. 0 while none (or when the API is down).
   */
  public int streamsWithWindowsEndingAfter(Instant since) {
    try {
      HttpResponse<String> r =
          http.send(
              request("/api/v1/streams?size=100")
                  .header("Authorization", "Bearer " + token)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return 0;
      }
      int withWindows = 0;
      for (JsonNode item : JSON.readTree(r.body()).path("items")) {
        JsonNode end = item.path("latest").path("window_end");
        if (end.isTextual() && Instant.parse(end.asText()).isAfter(since)) {
          withWindows++;
        }
      }
      return withWindows;
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private int status(String path) {
    try {
      return http.send(request(path).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(3));
  }
}
