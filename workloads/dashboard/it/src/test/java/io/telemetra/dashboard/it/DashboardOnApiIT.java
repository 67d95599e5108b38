package io.telemetra.dashboard.it;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import io.telemetra.embedded.Postgres;
import io.telemetra.schema.SchemaMigrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard served by the real API jar against real Postgres, in headless Debian chromium: rows
 * plus NOTIFY, as the streaming job writes them, show up as chart points and moments.
 */
class DashboardOnApiIT {

  private static final String TOKEN = "dashboard-it-token-5b1f0c";
  private static final String STREAM = "speedrun-1";
  private static final String COZY = "cozy-2";
  private static final String RETRO = "retro-3";
  private static final int HISTORY_WINDOWS = 180;
  private static final Path WORK = Paths.get(System.getProperty("work.dir", "target/it-data"));

  private static Postgres postgres;
  private static ApiProcess api;
  private static PipelineRows rows;
  private static Playwright playwright;
  private static Browser browser;
  private static Instant newest;

  @BeforeAll
  static void startPostgresApiAndChromium() throws Exception {
    Path pgDir = WORK.resolve("postgres").toAbsolutePath();
    deleteRecursively(pgDir);
    postgres = Postgres.onFreePort(pgDir).start();
    SchemaMigrator.forUrl(postgres.jdbcUrl(), postgres.user(), postgres.password()).migrate();
    rows = new PipelineRows(postgres.jdbcUrl(), postgres.user(), postgres.password());
    seed();
    api =
        ApiProcess.start(
            Paths.get(System.getProperty("api.jar")),
            Paths.get(System.getProperty("dashboard.jar")),
            WORK.toAbsolutePath(),
            postgres.jdbcUrl(),
            postgres.user(),
            TOKEN);
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(
                        Paths.get(System.getProperty("chromium.path", "/usr/bin/chromium")))
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-quic",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
    if (api != null) api.close();
    if (rows != null) rows.close();
    if (postgres != null) postgres.stop();
  }

  /** Each run starts from an empty database; the previous run's stays for a look until then. */
  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @Test
  void newRowsAndNotifyUpdateTheChartAndAddAMomentToTheFeed() throws Exception {
    BrowserContext context = newContext(1440, 900);
    try {
      Page page = context.newPage();
      List<String> frames = framesOf(page);

      page.navigate(api.baseUri() + "#token=" + TOKEN);
      Locator row = page.locator("[data-stream='" + STREAM + "']");
      assertThat(row.getByTestId("stream-status")).hasText("Live");

      row.getByRole(com.microsoft.playwright.options.AriaRole.LINK).click();
      Locator chatChart = page.getByTestId("chart-chat-rate");
      assertThat(chatChart).hasAttribute("data-points", String.valueOf(HISTORY_WINDOWS));
      assertThat(page.getByTestId("moment")).hasCount(1);
      assertThat(page.getByTestId("connection")).hasAttribute("data-status", "open");
      awaitSubscribed(page, frames, 0, STREAM);

      Instant next = newest.plusSeconds(10);
      long batch = rows.nextBatch();
      rows.window(STREAM, next, 420, 0.9, 1_500, batch);
      rows.revenue(STREAM, next, "USD", "99.00", batch);
      rows.notifyCommitted(batch, STREAM, 0);

      LocatorAssertions.HasAttributeOptions withinSeconds =
          new LocatorAssertions.HasAttributeOptions().setTimeout(5_000);
      assertThat(chatChart)
          .hasAttribute("data-points", String.valueOf(HISTORY_WINDOWS + 1), withinSeconds);
      assertThat(page.getByTestId("chart-chat-rate-value")).hasText("420");
      assertThat(page.getByTestId("chart-viewers-value")).hasText("1,500");

      long momentBatch = rows.nextBatch();
      rows.moment(STREAM, next, "chat_spike", "420", momentBatch);
      rows.notifyCommitted(momentBatch, STREAM, 1);

      Locator moments = page.getByTestId("moment");
      assertThat(moments).hasCount(2, new LocatorAssertions.HasCountOptions().setTimeout(5_000));
      assertThat(moments.first()).hasAttribute("data-kind", "chat_spike");
      assertThat(moments.first()).containsText("420 msg/min");
      assertThat(chatChart).hasAttribute("data-markers", "2");
      screenshot(page, "api-stream-page-laptop");
    } finally {
      context.close();
    }
  }

  @Test
  void streamListFollowsNewWindowsAndStatusChanges() throws Exception {
    BrowserContext context = newContext(1440, 900);
    try {
      Page page = context.newPage();
      List<String> frames = framesOf(page);
      page.navigate(api.baseUri() + "#token=" + TOKEN);
      Locator cozy = page.locator("[data-stream='" + COZY + "']");
      assertThat(cozy.getByTestId("stream-status")).hasText("Live");
      assertThat(cozy.getByTestId("stream-viewers")).hasText("150");
      awaitSubscribed(page, frames, 0, COZY);

      long batch = rows.nextBatch();
      rows.window(COZY, newest.plusSeconds(10), 64, 0.5, 5_000, batch);
      rows.notifyCommitted(batch, COZY, 0);

      assertThat(cozy.getByTestId("stream-viewers")).hasText("5,000");
      assertThat(cozy.getByTestId("stream-chat-rate")).hasText("64.0");
      assertThat(page.getByTestId("stream-row").first()).hasAttribute("data-stream", COZY);

      long offline = rows.nextBatch();
      rows.stream(COZY, "Cozy farming + chill", "mossy", "offline");
      rows.notifyCommitted(offline, COZY, 0);

      assertThat(cozy.getByTestId("stream-status")).hasText("Offline");
      screenshot(page, "api-stream-list-laptop");
    } finally {
      context.close();
    }
  }

  @Test
  void dashboardReconnectsAfterAnApiRestartAndCatchesUpOnWhatItMissed() throws Exception {
    BrowserContext context = newContext(1440, 900);
    try {
      Page page = context.newPage();
      List<String> frames = framesOf(page);
      page.navigate(api.baseUri() + "#/streams/" + RETRO + "&token=" + TOKEN);
      Locator chart = page.getByTestId("chart-chat-rate");
      assertThat(chart).hasAttribute("data-points", "30");
      Locator connection = page.getByTestId("connection");
      assertThat(connection).hasAttribute("data-status", "open");
      awaitSubscribed(page, frames, 0, RETRO);

      api.stop();
      int framesBeforeRestart = frames.size();
      assertThat(connection).hasAttribute("data-status", "reconnecting");
      // Written while the API is down: no one hears this batch's NOTIFY.
      long batch = rows.nextBatch();
      rows.window(RETRO, newest.plusSeconds(10), 77, 0.3, 300, batch);
      rows.notifyCommitted(batch, RETRO, 0);
      api.start();

      assertThat(connection)
          .hasAttribute(
              "data-status",
              "open",
              new LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
      assertThat(chart).hasAttribute("data-points", "31");
      assertThat(page.getByTestId("chart-chat-rate-value")).hasText("77.0");
      awaitSubscribed(page, frames, framesBeforeRestart, RETRO);

      long after = rows.nextBatch();
      rows.window(RETRO, newest.plusSeconds(20), 88, 0.3, 310, after);
      rows.notifyCommitted(after, RETRO, 0);
      assertThat(chart).hasAttribute("data-points", "32");
      assertThat(page.getByTestId("chart-chat-rate-value")).hasText("88.0");
    } finally {
      context.close();
    }
  }

  @Test
  void dashboardWorksAtPhoneWidth() {
    BrowserContext context = newContext(390, 844);
    try {
      Page page = context.newPage();
      page.navigate(api.baseUri() + "#/streams/" + STREAM + "&token=" + TOKEN);
      assertThat(page.getByTestId("stream-title")).hasText("Any% world record attempts");
      assertThat(page.getByTestId("chart-viewers")).not().hasAttribute("data-points", "0");
      Object overflow =
          page.evaluate(
              "document.documentElement.scrollWidth > document.documentElement.clientWidth");
      org.assertj.core.api.Assertions.assertThat(overflow)
          .as("page wider than a phone screen")
          .isEqualTo(false);
      screenshot(page, "api-stream-page-phone");
    } finally {
      context.close();
    }
  }

  /** Every WebSocket frame the page receives, as text. */
  private static List<String> framesOf(Page page) {
    List<String> frames = new CopyOnWriteArrayList<>();
    page.onWebSocket(
        ws -> {
          frames.add("open " + ws.url().replaceAll("access_token=[^&]*", "access_token=***"));
          ws.onFrameReceived(frame -> frames.add(frame.text()));
          ws.onFrameSent(frame -> frames.add("sent " + frame.text()));
          ws.onSocketError(error -> frames.add("error " + error));
          ws.onClose(closed -> frames.add("closed"));
        });
    page.onConsoleMessage(message -> frames.add("console " + message.text()));
    return frames;
  }

  /**
   * Waits for the API's reply to a subscribe among the frames from index {@code from} on.
   * Playwright delivers events only while one of its calls runs, hence the short waits on the page.
   */
  private static void awaitSubscribed(Page page, List<String> frames, int from, String streamId) {
    await()
        .alias("a subscribed reply naming " + streamId + " among " + frames)
        .pollInSameThread()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              page.waitForTimeout(50);
              return frames.subList(from, frames.size()).stream()
                  .anyMatch(
                      f ->
                          f.startsWith("{")
                              && f.contains("\"subscribed\"")
                              && f.contains(streamId));
            });
  }

  private static void seed() throws Exception {
    long seconds = Instant.now().getEpochSecond();
    newest = Instant.ofEpochSecond(seconds - seconds % 10).minusSeconds(60);
    rows.stream(STREAM, "Any% world record attempts", "fastfingers", "online");
    long batch = rows.nextBatch();
    for (int i = HISTORY_WINDOWS - 1; i >= 0; i--) {
      Instant start = newest.minusSeconds(10L * i);
      double phase = i / 20.0;
      long chat = Math.round(80 + 30 * Math.sin(phase));
      long viewers = 900 + Math.round(50 * Math.cos(phase / 2));
      rows.window(STREAM, start, chat, 0.2 + 0.3 * Math.sin(phase / 1.5), viewers, batch);
      if (i % 12 == 0) {
        rows.revenue(STREAM, start, "USD", (5 + i % 7) + ".99", batch);
      }
    }
    rows.moment(STREAM, newest.minusSeconds(900), "viewer_spike", "1020", batch);
    rows.stream(COZY, "Cozy farming + chill", "mossy", "online");
    rows.window(COZY, newest, 22, 0.6, 150, batch);
    rows.stream(RETRO, "Retro Sunday", "pixelpat", "online");
    for (int i = 29; i >= 0; i--) {
      rows.window(RETRO, newest.minusSeconds(10L * i), 10 + i, 0.1, 200 + i, batch);
    }
  }

  private static BrowserContext newContext(int width, int height) {
    return browser.newContext(
        new Browser.NewContextOptions()
            .setViewportSize(width, height)
            .setLocale("en-US")
            .setTimezoneId("UTC"));
  }

  private static void screenshot(Page page, String name) {
    try {
      Path dir = Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));
      Files.createDirectories(dir);
      page.screenshot(
          new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
