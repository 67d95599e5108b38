package io.telemetra.operator.cluster;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The dashboard in Debian's chromium, driven headless. */
final class Dashboard {

  private Dashboard() {}

  /** Opens the dashboard signed in with the token, waits for a stream, saves a screenshot. */
  static Path screenshot(String api, String token, Path png) {
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
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")))) {
      Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1440, 900));
      page.navigate(api + "/#token=" + token);
      page.locator("[data-stream]").first().waitFor();
      page.screenshot(new Page.ScreenshotOptions().setPath(png).setFullPage(true));
      return png;
    }
  }
}
