package io.telemetra.local;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.telemetra.embedded.Ports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The README's command end to end: the packaged runner starts the whole pipeline, data reaches
 * Postgres, the API and the dashboard in a real browser, and SIGTERM (Ctrl-C) leaves no process and
 * no port behind.
 */
class LocalRunnerE2E {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Under target/, so the parts' logs stay for a look when the test fails. */
  private final Path dataDir =
      Path.of("target", "e2e", "run-" + java.util.UUID.randomUUID().toString().substring(0, 8))
          .toAbsolutePath();

  @Test
  void oneCommandRunsThePipelineToTheDashboardCtrlCLeavesNothingBehindAndARestartResumes()
      throws Exception {
    int kafka = freePairStart();
    int postgres = Ports.free();
    int api = Ports.free();
    int redis = Ports.free();
    List<String> ports =
        List.of(
            "--data-dir=" + dataDir,
            "--kafka-port=" + kafka,
            "--postgres-port=" + postgres,
            "--api-port=" + api,
            "--redis-port=" + redis);
    String token;
    try (RunnerProcess runner = RunnerProcess.start(with(ports, "--rate=100", "--streams=3"))) {
      String url = awaitDashboardUrl(runner);
      token = url.substring(url.indexOf("#token=") + 7);
      assertThat(url).startsWith("http://localhost:" + api + "/#token=");
      assertThat(runner.output())
          .contains("(first run)")
          .contains("✓ Kafka broker (KRaft) on 127.0.0.1:" + kafka)
          .contains("✓ PostgreSQL on 127.0.0.1:" + postgres)
          .contains(
              "✓ Streaming job",
              "✓ Producer",
              "✓ API + dashboard",
              "✓ New windows visible via the API")
          .doesNotContain("NOT AVAILABLE");
      assertThat(Files.readString(dataDir.resolve("api-token"))).isEqualTo(token);

      assertRowsInPostgres(postgres);
      assertApiServesWindowsOnlyWithTheToken(api, token);
      assertDashboardShowsStreams(url);

      stopAndAssertNothingLeft(runner, List.of(kafka, kafka + 1, postgres, api, redis));
    }

    // The second run resumes from the data directory: the same token, the events of the first
    // run not yet aggregated are aggregated once, and none is counted twice.
    try (RunnerProcess again = RunnerProcess.start(with(ports, "--no-producer"))) {
      String url = awaitDashboardUrl(again);
      assertThat(url).endsWith("#token=" + token);
      assertThat(again.output()).contains("earlier run found", "producer not started");

      long chatEvents = recordsIn("127.0.0.1:" + kafka, "telemetra.events.chat");
      assertThat(chatEvents).isPositive();
      // Every chat event lies in exactly 60 s / 10 s = 6 sliding windows.
      await("each chat event of the first run counted in exactly 6 windows")
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> sumOfChatCounts(postgres), n -> n == 6 * chatEvents);

      stopAndAssertNothingLeft(again, List.of(kafka, kafka + 1, postgres, api, redis));
    }
    deleteRecursively(dataDir);
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static String[] with(List<String> common, String... more) {
    List<String> all = new ArrayList<>(common);
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String awaitDashboardUrl(RunnerProcess runner) {
    await("the dashboard URL")
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(1))
        .failFast("runner exited", () -> !runner.process().isAlive())
        .until(() -> runner.lineStartingWith("Dashboard: ").isPresent());
    return runner.lineStartingWith("Dashboard: ").orElseThrow().substring(11).strip();
  }

  private void stopAndAssertNothingLeft(RunnerProcess runner, List<Integer> ports)
      throws Exception {
    List<ProcessHandle> tree = runner.processTree();
    tree.addAll(postmaster(dataDir));
    assertThat(tree).hasSizeGreaterThanOrEqualTo(5);

    Duration took = runner.terminate(Duration.ofSeconds(30));

    System.out.println("runner stopped " + took.toMillis() + " ms after SIGTERM");
    await("every process of the run to be gone")
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(tree).noneMatch(ProcessHandle::isAlive));
    for (int port : ports) {
      assertThat(PortCheck.taken(port)).as("port %d still taken", port).isFalse();
    }
    // The parts of a tier stop at the same time; the line lists them in reverse start order, and
    // the producer (when started) and the streaming job start at the same moment (both wait for
    // the topics).
    assertThat(runner.output().lines().filter(l -> l.contains("✓ Stopped ")).toList())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("streaming job", "API + dashboard")
                    .contains("Kafka broker", "PostgreSQL"));
  }

  private static long sumOfChatCounts(int postgresPort) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgresPort + "/telemetra", "postgres", "");
        Statement s = c.createStatement()) {
      return count(s, "SELECT coalesce(sum(chat_count), 0) FROM chat_summary_minute");
    }
  }

  private static long recordsIn(String bootstrap, String topic) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      var partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      partitions.forEach(
          p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset)
          .sum();
    }
  }

  private static void assertRowsInPostgres(int port) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + port + "/telemetra", "postgres", "");
        Statement s = c.createStatement()) {
      assertThat(count(s, "SELECT count(*) FROM chat_summary_minute WHERE chat_count > 0"))
          .isPositive();
      assertThat(count(s, "SELECT count(*) FROM viewer_timeseries")).isPositive();
      assertThat(count(s, "SELECT count(DISTINCT stream_id) FROM chat_summary_minute"))
          .isBetween(1L, 3L);
      assertThat(count(s, "SELECT count(*) FROM streaming_commits")).isPositive();
    }
  }

  private static long count(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void assertApiServesWindowsOnlyWithTheToken(int port, String token)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI streams = URI.create("http://127.0.0.1:" + port + "/api/v1/streams");

    HttpResponse<String> withToken =
        http.send(
            HttpRequest.newBuilder(streams).header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> without =
        http.send(HttpRequest.newBuilder(streams).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(withToken.statusCode()).isEqualTo(200);
    JsonNode items = JSON.readTree(withToken.body()).path("items");
    List<String> withWindows = new ArrayList<>();
    items.forEach(
        i -> {
          if (i.hasNonNull("latest")) {
            withWindows.add(i.path("stream_id").asText());
          }
        });
    assertThat(withWindows).isNotEmpty();
    assertThat(without.statusCode()).isEqualTo(401);

    HttpResponse<String> live =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:"
                            + port
                            + "/api/v1/streams/"
                            + withWindows.get(0)
                            + "/live"))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(live.body()).path("stream_id").asText()).isEqualTo(withWindows.get(0));
  }

  private static void assertDashboardShowsStreams(String url) {
    try (Playwright playwright =
            Playwright.create(
                new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        Browser browser =
            playwright
                .chromium()
                .launch(
                    new BrowserType.LaunchOptions()
                        .setExecutablePath(
                            Path.of(System.getProperty("chromium.path", "/usr/bin/chromium")))
                        .setHeadless(true)
                        .setArgs(
                            List.of(
                                "--headless",
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")))) {
      Page page = browser.newPage();
      page.navigate(url);
      try {
        assertThat(page.getByTestId("stream-row").first())
            .isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(60_000));
        assertThat(page.getByTestId("stream-chat-rate").first())
            .not()
            .hasText("", new LocatorAssertions.HasTextOptions().setTimeout(30_000));
      } finally {
        Path shots = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        page.screenshot(
            new Page.ScreenshotOptions().setPath(shots.resolve("local-runner-dashboard.png")));
      }
    }
  }

  private static List<ProcessHandle> postmaster(Path dataDir) {
    return InfrastructureParts.postmasterPid(dataDir.resolve("postgres"))
        .flatMap(ProcessHandle::of)
        .map(List::of)
        .orElse(List.of());
  }

  /** A free port whose neighbour is free too (the Kafka controller uses port + 1). */
  private static int freePairStart() {
    for (int i = 0; i < 50; i++) {
      int p = Ports.free();
      if (p < 65535 && !PortCheck.taken(p + 1)) {
        return p;
      }
    }
    throw new IllegalStateException("no two neighbouring free ports");
  }
}
