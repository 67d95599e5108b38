package io.telemetra.soak.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the API the way the dashboard does, a few times a second, and remembers each answer: the
 * streams list, then a stream's live numbers (the cached path). A request fails when it gets no
 * answer within its timeout or a status other than 2xx.
 */
public final class ApiProber implements AutoCloseable {

  /** One request: when it was sent and whether it succeeded. */
  public record Probe(long sentAtMillis, boolean ok, int status) {}

  /** Requests and failures over an interval. */
  public record Tally(long requests, long errors) {
    public double errorRate() {
      return requests == 0 ? 0 : (double) errors / requests;
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final String base;
  private final String token;
  private final Duration every;
  private final List<Probe> probes = new ArrayList<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;
  private volatile String streamId;
  private final Map<String, Long> answers = new TreeMap<>();
  private final Map<String, String> firstFailures = new TreeMap<>();

  public ApiProber(int port, String token, Duration every) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
    this.every = every;
    this.thread = new Thread(this::loop, "soak-api-prober");
    thread.setDaemon(true);
  }

  public ApiProber start() {
    thread.start();
    return this;
  }

  private void loop() {
    long n = 0;
    while (running.get()) {
      long t0 = System.currentTimeMillis();
      // the live window only once the list named a stream that has one (else 404 no-window)
      boolean list = n++ % 2 == 0 || streamId == null;
      String path = list ? "/api/v1/streams?size=5" : "/api/v1/streams/" + streamId + "/live";
      String kind = list ? "GET /api/v1/streams" : "GET /api/v1/streams/{id}/live";
      int status = get(path, kind);
      synchronized (probes) {
        probes.add(new Probe(t0, status / 100 == 2, status));
        answers.merge(kind + " → " + (status == 0 ? "no answer" : status), 1L, Long::sum);
      }
      long left = every.toMillis() - (System.currentTimeMillis() - t0);
      if (left > 0) {
        sleep(left);
      }
    }
  }

  private int get(String path, String kind) {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(base + path))
                  .timeout(TIMEOUT)
                  .header("Authorization", "Bearer " + token)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200 && path.startsWith("/api/v1/streams?")) {
        firstStreamId(response.body()).ifPresent(id -> streamId = id);
      }
      if (response.statusCode() / 100 != 2) {
        String body = response.body();
        synchronized (probes) {
          firstFailures.putIfAbsent(
              kind + " → " + response.statusCode(),
              path + ": " + body.substring(0, Math.min(300, body.length())));
        }
      }
      return response.statusCode();
    } catch (java.io.IOException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** The first listed stream that has a window (an offline one may have none: 404 no-window). */
  static Optional<String> firstStreamId(String body) {
    try {
      for (JsonNode item : JSON.readTree(body).path("items")) {
        if (item.hasNonNull("latest") && item.hasNonNull("stream_id")) {
          return Optional.of(item.get("stream_id").asText());
        }
      }
    } catch (java.io.IOException e) {
      // not JSON: keep probing the stream we had
    }
    return Optional.empty();
  }

  /** Requests sent in [from, to). */
  public Tally between(Instant from, Instant to) {
    long requests = 0;
    long errors = 0;
    synchronized (probes) {
      for (Probe p : probes) {
        if (p.sentAtMillis() >= from.toEpochMilli() && p.sentAtMillis() < to.toEpochMilli()) {
          requests++;
          errors += p.ok() ? 0 : 1;
        }
      }
    }
    return new Tally(requests, errors);
  }

  /** When the first successful request sent at or after {@code after} was sent. */
  public Optional<Instant> firstSuccessAfter(Instant after) {
    synchronized (probes) {
      for (Probe p : probes) {
        if (p.ok() && p.sentAtMillis() >= after.toEpochMilli()) {
          return Optional.of(Instant.ofEpochMilli(p.sentAtMillis()));
        }
      }
    }
    return Optional.empty();
  }

  /** How often each kind of request got each answer ("GET /api/v1/streams → 200": 512). */
  public Map<String, Long> answers() {
    synchronized (probes) {
      return new TreeMap<>(answers);
    }
  }

  /** The first failing answer of each kind and status, with the start of its body. */
  public Map<String, String> firstFailures() {
    synchronized (probes) {
      return new TreeMap<>(firstFailures);
    }
  }

  /** All requests so far. */
  public Tally total() {
    return between(Instant.EPOCH, Instant.now().plusSeconds(1));
  }

  @Override
  public void close() {
    running.set(false);
    thread.interrupt();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
