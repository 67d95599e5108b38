package io.telemetra.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.telemetra.dashboard.ContractSamples.currentSlide;
import static io.telemetra.dashboard.ContractSamples.moment;
import static io.telemetra.dashboard.ContractSamples.stream;
import static io.telemetra.dashboard.ContractSamples.window;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built dashboard in headless Debian chromium against a server speaking the API contract. */
class DashboardBrowserIT {

  private static final String TOKEN = "it-secret-token";
  private static final int HISTORY_WINDOWS = 300;
  private static final LocatorAssertions.HasTextOptions SOON =
      new LocatorAssertions.HasTextOptions().setTimeout(10_000);

  private static Playwright playwright;
  private static Browser browser;

  private TestingContractServer server;
  private BrowserContext context;
  private Page page;
  private Instant newest;

  @BeforeAll
  static void launchChromium() {
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
  static void closeChromium() {
    if (browser != null) browser.close();
    if (playwright != null) playwright.close();
  }

  @BeforeEach
  void startServer() throws Exception {
    server = TestingContractServer.start(TOKEN);
    context = newContext(1440, 900);
    page = context.newPage();
  }

  @AfterEach
  void stopServer() throws Exception {
    if (context != null) context.close();
    if (server != null) server.close();
  }

  @Test
  void streamListShowsLiveStatusSortedByViewersAndFollowsPushedWindows() {
    seedStreams();
    page.navigate(server.baseUri() + "#token=" + TOKEN);

    Locator rows = page.getByTestId("stream-row");
    assertThat(rows).hasCount(3);
    assertThat(rows.nth(0)).hasAttribute("data-stream", "s-speedrun");
    assertThat(rows.nth(1)).hasAttribute("data-stream", "s-cozy");
    assertThat(rows.nth(2)).hasAttribute("data-stream", "s-retro");
    assertThat(rows.nth(2).getByTestId("stream-status")).hasText("Offline");
    assertThat(page.getByTestId("connection")).hasAttribute("data-status", "open");
    Assertions.assertThat(page.url()).doesNotContain(TOKEN);
    Assertions.assertThat(page.evaluate("localStorage.getItem('telemetra.token')"))
        .isEqualTo(TOKEN);
    screenshot("stream-list-laptop");

    awaitSubscribed("s-cozy");
    server.publishWindow("s-cozy", window(newest.plusSeconds(10), 95.5, 2_000, 0.4, null));

    assertThat(rows.nth(0)).hasAttribute("data-stream", "s-cozy");
    assertThat(rows.nth(0).getByTestId("stream-viewers")).hasText("2,000", SOON);
    assertThat(rows.nth(0).getByTestId("stream-chat-rate")).hasText("95.5");

    server.publishStream(stream("s-retro", "Retro Sunday", "pixelpat", "online"));
    assertThat(rows.nth(2).getByTestId("stream-status")).hasText("Live", SOON);
  }

  @Test
  void streamPageChartsTakeNewWindowsAndTheFeedShowsNewMoments() {
    seedStreams();
    page.navigate(server.baseUri() + "#/streams/s-speedrun&token=" + TOKEN);

    Locator chatChart = page.getByTestId("chart-chat-rate");
    assertThat(page.getByTestId("stream-title")).hasText("Any% world record attempts");
    assertThat(chatChart).hasAttribute("data-points", String.valueOf(HISTORY_WINDOWS));
    assertThat(page.getByTestId("moment")).hasCount(2);
    assertThat(chatChart).hasAttribute("data-markers", "2");
    assertThat(page.getByTestId("connection")).hasAttribute("data-status", "open");
    awaitSubscribed("s-speedrun");

    Instant next = newest.plusSeconds(10);
    server.publishWindow("s-speedrun", window(next, 333, 1_250, 0.8, "250.00"));

    assertThat(chatChart).hasAttribute("data-points", String.valueOf(HISTORY_WINDOWS + 1));
    assertThat(chatChart.getByTestId("chart-chat-rate-value")).hasText("333", SOON);
    assertThat(page.getByTestId("chart-viewers-value")).hasText("1,250");

    server.publishMoment(moment("s-speedrun", next, "chat_spike", 333));
    Locator newestMoment = page.getByTestId("moment").first();
    assertThat(page.getByTestId("moment")).hasCount(3);
    assertThat(newestMoment).hasAttribute("data-kind", "chat_spike");
    assertThat(newestMoment).containsText("333 msg/min");
    assertThat(chatChart).hasAttribute("data-markers", "3");
    screenshot("stream-page-laptop");

    BrowserContext phone = newContext(390, 844);
    try {
      Page phonePage = phone.newPage();
      phonePage.navigate(server.baseUri() + "#/streams/s-speedrun&token=" + TOKEN);
      assertThat(phonePage.getByTestId("chart-chat-rate"))
          .hasAttribute("data-points", String.valueOf(HISTORY_WINDOWS + 1));
      screenshot(phonePage, "stream-page-phone");
      phonePage.navigate(server.baseUri() + "#/");
      assertThat(phonePage.getByTestId("stream-row")).hasCount(3);
      screenshot(phonePage, "stream-list-phone");
    } finally {
      phone.close();
    }
  }

  @Test
  void dashboardReconnectsAfterTheServerDropsItAndResubscribes() {
    seedStreams();
    page.navigate(server.baseUri() + "#/streams/s-speedrun&token=" + TOKEN);
    Locator connection = page.getByTestId("connection");
    assertThat(connection).hasAttribute("data-status", "open");
    awaitSubscribed("s-speedrun");

    server.dropConnections();
    assertThat(connection).hasAttribute("data-status", "reconnecting");
    assertThat(connection)
        .hasAttribute(
            "data-status", "open", new LocatorAssertions.HasAttributeOptions().setTimeout(10_000));
    awaitSubscribed("s-speedrun");

    server.publishWindow("s-speedrun", window(newest.plusSeconds(10), 444, 900, 0.1, null));
    assertThat(page.getByTestId("chart-chat-rate-value")).hasText("444", SOON);
  }

  @Test
  void rejectedTokenLeadsToTheTokenFormAndAGoodOneOpensTheDashboard() {
    seedStreams();
    page.navigate(server.baseUri() + "#token=wrong-token");

    assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT))
        .containsText("rejected");
    page.getByLabel("API token").fill(TOKEN);
    page.getByText("Open dashboard").click();

    assertThat(page.getByTestId("stream-row")).hasCount(3);
  }

  @Test
  void failedLoadShowsTheErrorAndTryAgainRecovers() {
    seedStreams();
    server.failNextRequests(1);
    page.navigate(server.baseUri() + "#token=" + TOKEN);

    assertThat(page.getByTestId("error")).containsText("Service Unavailable");
    assertThat(page.getByTestId("error")).containsText("HTTP 503");
    page.getByRole(
            com.microsoft.playwright.options.AriaRole.BUTTON,
            new Page.GetByRoleOptions().setName("Try again"))
        .click();

    assertThat(page.getByTestId("stream-row")).hasCount(3);
  }

  @Test
  void unknownStreamAndEmptyListSayWhatIsGoingOn() {
    page.navigate(server.baseUri() + "#token=" + TOKEN);
    assertThat(page.getByTestId("empty")).containsText("No streams yet");

    page.navigate(server.baseUri() + "#/streams/nope");
    assertThat(page.getByTestId("empty")).containsText("Unknown stream");
  }

  private void seedStreams() {
    newest = currentSlide();
    server.putStream(stream("s-speedrun", "Any% world record attempts", "fastfingers", "online"));
    server.putStream(stream("s-cozy", "Cozy farming + chill", "mossy", "online"));
    server.putStream(stream("s-retro", "Retro Sunday", "pixelpat", "offline"));
    for (int i = HISTORY_WINDOWS - 1; i >= 0; i--) {
      Instant start = newest.minusSeconds(10L * i);
      double phase = i / 25.0;
      double chat = 70 + 35 * Math.sin(phase) + (i % 7) * 2;
      long viewers = 800 + Math.round(60 * Math.cos(phase / 2)) + (HISTORY_WINDOWS - i) / 3;
      double sentiment = 0.25 + 0.35 * Math.sin(phase / 1.7);
      String revenue = i % 9 == 0 ? String.format("%d.99", 4 + i % 20) : null;
      server.putWindow("s-speedrun", window(start, chat, viewers, sentiment, revenue));
    }
    server.putMoment(moment("s-speedrun", newest.minusSeconds(1_800), "viewer_spike", 1_020));
    server.putMoment(moment("s-speedrun", newest.minusSeconds(900), "revenue_spike", 120));
    server.putWindow("s-cozy", window(newest, 22.5, 150, 0.6, null));
    server.putWindow("s-retro", window(newest.minusSeconds(3_000), 3, 20, 0.1, null));
  }

  private void awaitSubscribed(String streamId) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.subscribedStreams().contains(streamId));
  }

  private BrowserContext newContext(int width, int height) {
    return browser.newContext(
        new Browser.NewContextOptions()
            .setViewportSize(width, height)
            .setLocale("en-US")
            .setTimezoneId("UTC"));
  }

  private void screenshot(String name) {
    screenshot(page, name);
  }

  private static void screenshot(Page target, String name) {
    try {
      Path dir = Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));
      Files.createDirectories(dir);
      target.screenshot(
          new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(true));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
