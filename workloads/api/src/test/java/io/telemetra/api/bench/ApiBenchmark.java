package io.telemetra.api.bench;

import io.telemetra.api.support.LiveClient;
import io.telemetra.api.support.Rows;
import io.telemetra.embedded.Ports;
import io.telemetra.embedded.Postgres;
import io.telemetra.embedded.RedisServer;
import io.telemetra.schema.SchemaMigrator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The API benchmark (not a test): starts real Postgres and Redis, seeds windows, runs the API jar
 * as its own process, measures the cached live endpoint and a trivial endpoint with wrk, then
 * measures WebSocket fan-out to many subscribed clients. Prints a Markdown summary.
 */
public final class ApiBenchmark {

  static final String TOKEN = "bench-token-not-a-secret";
  static final String STREAM = "bench-stream-001";

  public static void main(String[] args) throws Exception {
    int seconds = Integer.getInteger("bench.seconds", 15);
    int connections = Integer.getInteger("bench.connections", 64);
    int threads = Integer.getInteger("bench.threads", 2);
    int clients = Integer.getInteger("bench.ws.clients", 1000);
    Path work = Path.of("target", "bench").toAbsolutePath();
    Path jar = apiJar();
    List<String> report = new ArrayList<>();
    try (Postgres postgres = Postgres.onFreePort(work.resolve("postgres")).start();
        RedisServer redis = RedisServer.onFreePort(work.resolve("redis")).start()) {
      SchemaMigrator.forUrl(postgres.jdbcUrl(), postgres.user(), postgres.password()).migrate();
      Rows rows = new Rows(postgres.jdbcUrl(), postgres.user(), postgres.password());
      Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
      for (int s = 1; s <= 50; s++) {
        String id = String.format("bench-stream-%03d", s);
        rows.stream(id, "online", now.minusSeconds(3600));
        rows.chatSeries(id, now, 360, 1);
      }
      rows.viewers(STREAM, now, 1234.5, 1000, 1500, 1300, 1);
      rows.revenue(STREAM, now, "USD", 3, "14.97", 1);

      report.add("| endpoint | cache | req/s | p50 | p99 | API CPU per request |");
      report.add("|---|---|---|---|---|---|");
      // Redis only: every live read is a Redis GET.
      measure(
          jar,
          postgres,
          redis,
          work,
          report,
          List.of("-Dtelemetra.cache.near-ttl=0s"),
          "Redis only",
          threads,
          connections,
          seconds,
          0);
      // The default: a 2 s near cache in front of Redis, both invalidated by NOTIFY.
      measure(
          jar,
          postgres,
          redis,
          work,
          report,
          List.of(),
          "near cache + Redis (default)",
          threads,
          connections,
          seconds,
          clients);
      report.add(
          "\nMachine: "
              + Runtime.getRuntime().availableProcessors()
              + " cores, load average at"
              + " the end "
              + loadAverage()
              + " (shared with other builds).");
    }
    System.out.println();
    System.out.println("## Results");
    report.forEach(System.out::println);
  }

  private static void measure(
      Path jar,
      Postgres postgres,
      RedisServer redis,
      Path work,
      List<String> report,
      List<String> jvmArgs,
      String cache,
      int threads,
      int connections,
      int seconds,
      int clients)
      throws Exception {
    int port = Ports.free();
    Process api =
        startApi(jar, port, jvmArgs, postgres, redis, work.resolve("api-" + port + ".log"));
    try {
      awaitReady(port);
      String base = "http://127.0.0.1:" + port;
      String live = base + "/api/v1/streams/" + STREAM + "/live";
      System.out.println("Warming up (" + cache + ")...");
      wrk(live, threads, connections, 10, null);
      wrk(base + "/api/v1/ping", threads, connections, 5, null);
      ProcessHandle handle = api.toHandle();
      // Interleaved rounds, so both endpoints see the same share of a busy machine.
      List<Wrk> liveRounds = new ArrayList<>();
      List<Wrk> pingRounds = new ArrayList<>();
      List<Wrk> healthRounds = new ArrayList<>();
      int roundSeconds = Math.max(3, seconds / 3);
      for (int round = 0; round < 3; round++) {
        liveRounds.add(wrk(live, threads, connections, roundSeconds, handle));
        pingRounds.add(wrk(base + "/api/v1/ping", threads, connections, roundSeconds, handle));
        if (clients > 0) {
          healthRounds.add(
              wrk(base + "/actuator/health/liveness", threads, connections, roundSeconds, handle));
        }
      }
      Wrk liveResult = Wrk.combine(liveRounds);
      Wrk pingResult = Wrk.combine(pingRounds);
      report.add(liveResult.row("GET /api/v1/streams/{id}/live", cache));
      report.add(pingResult.row("GET /api/v1/ping (trivial, same filters)", cache));
      if (clients > 0) {
        report.add(Wrk.combine(healthRounds).row("GET /actuator/health/liveness", cache));
      }
      report.add(
          String.format(
              "| live / ping throughput | %s | %.2f | | | |",
              cache, liveResult.requestsPerSecond / pingResult.requestsPerSecond));
      report.add(
          "| cache counters after the runs | " + cache + " | " + cacheCounters(base) + " | | | |");
      if (clients > 0) {
        Rows rows = new Rows(postgres.jdbcUrl(), postgres.user(), postgres.password());
        report.addAll(fanOut(port, rows, Instant.now().truncatedTo(ChronoUnit.MINUTES), clients));
      }
    } finally {
      api.destroy();
      api.waitFor();
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return "?";
    }
  }

  private static Path apiJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files
          .filter(p -> p.getFileName().toString().matches("telemetra-api-.*\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("Build the jar first: mvn package"));
    }
  }

  private static Process startApi(
      Path jar, int port, List<String> jvmArgs, Postgres postgres, RedisServer redis, Path log)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx1g"));
    command.addAll(jvmArgs);
    String extra = System.getProperty("bench.api.jvm-args", "").strip();
    if (!extra.isEmpty()) {
      command.addAll(List.of(extra.split("\\s+")));
    }
    command.addAll(List.of("-jar", jar.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("API_PORT", String.valueOf(port));
    env.put("POSTGRES_URL", postgres.jdbcUrl());
    env.put("POSTGRES_USER", postgres.user());
    env.put("POSTGRES_PASSWORD", postgres.password());
    env.put("REDIS_HOST", redis.host());
    env.put("REDIS_PORT", String.valueOf(redis.port()));
    env.put("API_AUTH_TOKEN", TOKEN);
    return builder.start();
  }

  private static void awaitReady(int port) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("API did not become ready; see target/bench/api.log");
  }

  /** One wrk run's throughput and latency percentiles. */
  record Wrk(
      double requestsPerSecond,
      String p50,
      String p99,
      double cpuMicrosPerRequest,
      double requests,
      double seconds,
      double p99Millis) {

    /** Several rounds as one: total throughput and CPU, the middle p50, the worst p99. */
    static Wrk combine(List<Wrk> rounds) {
      double requests = rounds.stream().mapToDouble(Wrk::requests).sum();
      double seconds = rounds.stream().mapToDouble(Wrk::seconds).sum();
      double cpu =
          rounds.stream().mapToDouble(w -> w.cpuMicrosPerRequest() * w.requests()).sum()
              / Math.max(1, requests);
      List<Wrk> byP99 = new ArrayList<>(rounds);
      byP99.sort(java.util.Comparator.comparingDouble(Wrk::p99Millis));
      return new Wrk(
          requests / seconds,
          byP99.get(byP99.size() / 2).p50(),
          byP99.get(byP99.size() - 1).p99(),
          cpu,
          requests,
          seconds,
          byP99.get(byP99.size() - 1).p99Millis());
    }

    String row(String name, String cache) {
      return String.format(
          "| %s | %s | %,.0f | %s | %s | %.0f µs |",
          name, cache, requestsPerSecond, p50, p99, cpuMicrosPerRequest);
    }
  }

  private static Wrk wrk(String url, int threads, int connections, int seconds, ProcessHandle api)
      throws IOException, InterruptedException {
    Duration cpuBefore = cpu(api);
    Process p =
        new ProcessBuilder(
                "wrk",
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds + "s",
                "--latency",
                "-H",
                "Authorization: Bearer " + TOKEN,
                url)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    System.out.println(out);
    if (out.contains("Non-2xx")) {
      throw new IllegalStateException("wrk saw non-2xx responses for " + url);
    }
    double requests = Double.parseDouble(group(out, "([0-9]+) requests in"));
    double cpuMicros = (cpu(api).minus(cpuBefore).toNanos() / 1000.0) / Math.max(1, requests);
    String p99 = group(out, "\\s99%\\s+([0-9.]+\\w+)");
    return new Wrk(
        Double.parseDouble(group(out, "Requests/sec:\\s+([0-9.]+)")),
        group(out, "\\s50%\\s+([0-9.]+\\w+)"),
        p99,
        cpuMicros,
        requests,
        seconds,
        millis(p99));
  }

  private static double millis(String wrkDuration) {
    Matcher m = Pattern.compile("([0-9.]+)(us|ms|s|m)").matcher(wrkDuration);
    if (!m.matches()) {
      return Double.NaN;
    }
    double value = Double.parseDouble(m.group(1));
    switch (m.group(2)) {
      case "us":
        return value / 1000;
      case "ms":
        return value;
      case "s":
        return value * 1000;
      default:
        return value * 60_000;
    }
  }

  /** CPU time the API process used so far (user + system). */
  private static Duration cpu(ProcessHandle process) {
    return process == null
        ? Duration.ZERO
        : process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("No " + regex + " in wrk output");
    }
    return m.group(1);
  }

  private static String cacheCounters(String base) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body()
        .lines()
        .filter(l -> l.startsWith("telemetra_cache_requests_total"))
        .map(l -> l.replaceAll(".*result=\"(\\w+)\".*} ", "$1="))
        .reduce((a, b) -> a + ", " + b)
        .orElse("?");
  }

  private static List<String> fanOut(int port, Rows rows, Instant now, int clients)
      throws Exception {
    // Several HttpClients, so the load generator's socket reading is not one selector thread.
    List<HttpClient> https = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      https.add(HttpClient.newHttpClient());
    }
    List<LiveClient> connected = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    try {
      long start = System.nanoTime();
      for (int i = 0; i < clients; i++) {
        LiveClient c = LiveClient.connect(https.get(i % https.size()), port, TOKEN);
        c.subscribe(STREAM);
        connected.add(c);
      }
      System.out.printf(
          "Connected and subscribed %d clients in %d ms%n",
          clients, (System.nanoTime() - start) / 1_000_000);
      waitUntil(() -> connected.stream().allMatch(c -> c.received().size() >= 1), 30);
      lines.add("");
      lines.add("| fan-out round | clients | received | p50 | p99 | max (NOTIFY → message) |");
      lines.add("|---|---|---|---|---|---|");
      for (int round = 1; round <= 3; round++) {
        Instant window = now.plusSeconds(10L * round);
        long batch = 1000 + round;
        rows.chat(STREAM, window, 100 + round, 50, 0.2, batch);
        String expected = window.toString();
        Map<LiveClient, Long> arrival = new ConcurrentHashMap<>();
        java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(clients);
        for (LiveClient c : connected) {
          c.onMessage(
              m -> {
                if (m.path("type").asText().equals("window")
                    && m.path("window").path("window_start").asText().equals(expected)
                    && arrival.putIfAbsent(c, System.nanoTime()) == null) {
                  all.countDown();
                }
              });
        }
        long notifyAt = System.nanoTime();
        rows.notifyUpdate(
            "{\"batch_id\":" + batch + ",\"streams\":[\"" + STREAM + "\"],\"moments\":0}");
        all.await(10, java.util.concurrent.TimeUnit.SECONDS);
        List<Long> millis = new ArrayList<>();
        arrival.values().forEach(t -> millis.add((t - notifyAt) / 1_000_000));
        Collections.sort(millis);
        lines.add(
            String.format(
                "| %d | %d | %d | %d ms | %d ms | %d ms |",
                round,
                clients,
                millis.size(),
                percentile(millis, 50),
                percentile(millis, 99),
                millis.isEmpty() ? -1 : millis.get(millis.size() - 1)));
      }
      lines.add("");
      lines.add(
          "Server side, NOTIFY handling (invalidation + queries, before the sends): "
              + metric(port, "telemetra_updates_handled_seconds_max")
              + " s max, "
              + metric(port, "telemetra_ws_messages_sent_total")
              + " messages sent, "
              + metric(port, "telemetra_ws_dropped_total")
              + " clients dropped.");
    } finally {
      connected.forEach(LiveClient::close);
    }
    return lines;
  }

  private static String metric(int port, String name) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body()
        .lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .findFirst()
        .orElse("?");
  }

  private static long percentile(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, int seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Timed out waiting for subscriptions");
      }
      Thread.sleep(50);
    }
  }
}
