package io.telemetra.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetra.api.support.ApiTestSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of every operation in the API's own OpenAPI document with schemathesis
 * (PyPI, pinned in docs/reliability.md): with the token, all of schemathesis' checks pass, nothing
 * answers 5xx and no response leaks a stack trace or SQL; without it, every operation that declares
 * the bearer scheme answers 401.
 */
class OpenApiFuzzIT extends ApiTestSupport {

  private static final String SCHEMATHESIS = System.getProperty("schemathesis", "schemathesis");
  private static final String SEED = System.getProperty("fuzz.seed", "20261127");
  private static final String EXAMPLES = System.getProperty("fuzz.api.examples", "25");
  private static final Pattern LEAK =
      Pattern.compile(
          "Exception|\\n\\s*at [a-z]|org\\.postgresql|org\\.springframework|java\\.lang|PSQL"
              + "|syntax error at or near|SQLState|ERROR: |SELECT .* FROM|Whitelabel");
  private static final Path REPORTS = Path.of("target", "schemathesis");

  @BeforeAll
  static void aStreamWithData() {
    rows().stream("fuzz-stream", "online", Instant.now());
  }

  @Test
  void withTheTokenEveryOperationSurvivesFuzzingWithoutServerErrorsOrLeaks() throws Exception {
    Path har = REPORTS.resolve("authorized.har");
    Run run =
        schemathesis(
            har,
            "--checks",
            "all",
            "-H",
            "Authorization: Bearer " + TOKEN,
            "--max-examples",
            EXAMPLES);

    List<JsonNode> entries = entries(har);
    assertThat(entries).as("requests sent").hasSizeGreaterThan(100);
    for (JsonNode e : entries) {
      String what = e.at("/request/method").asText() + " " + e.at("/request/url").asText();
      int status = e.at("/response/status").asInt();
      String body = e.at("/response/content/text").asText("");
      assertThat(status).as(what + " -> " + body).isLessThan(500);
      assertThat(LEAK.matcher(body).find()).as(what + " leaks internals: " + body).isFalse();
    }
    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  @Test
  void withoutTheTokenEveryOperationThatDeclaresTheBearerSchemeIsUnauthorized() throws Exception {
    Path har = REPORTS.resolve("anonymous.har");
    Run run = schemathesis(har, "--checks", "not_a_server_error", "--max-examples", "5");

    List<Pattern> secured = new ArrayList<>();
    List<Pattern> open = new ArrayList<>();
    JsonNode api = json(get("/v3/api-docs"));
    boolean securedByDefault = api.path("security").size() > 0;
    for (Iterator<Map.Entry<String, JsonNode>> p = api.path("paths").fields(); p.hasNext(); ) {
      Map.Entry<String, JsonNode> path = p.next();
      Pattern template =
          Pattern.compile(".*" + path.getKey().replaceAll("\\{[^}]+}", "[^/?]+") + "(\\?.*)?");
      for (JsonNode op : path.getValue()) {
        JsonNode security = op.get("security");
        boolean bearer = security == null ? securedByDefault : security.size() > 0;
        (bearer ? secured : open).add(template);
      }
    }
    assertThat(secured).as("operations declaring the bearer scheme").isNotEmpty();

    List<JsonNode> entries = entries(har);
    int checked = 0;
    for (JsonNode e : entries) {
      String url = e.at("/request/url").asText();
      int status = e.at("/response/status").asInt();
      String what = e.at("/request/method").asText() + " " + url;
      assertThat(status).as(what).isLessThan(500);
      boolean isSecured = secured.stream().anyMatch(t -> t.matcher(url).matches());
      boolean isOpen = open.stream().anyMatch(t -> t.matcher(url).matches());
      if (isSecured && !isOpen) {
        assertThat(status).as(what + " without a token").isEqualTo(401);
        checked++;
      }
    }
    assertThat(checked).as("anonymous requests to secured operations").isGreaterThan(20);
    assertThat(run.output()).doesNotContain("Server error");
  }

  private record Run(int exitCode, String output) {}

  private Run schemathesis(Path har, String... options) throws Exception {
    assumeTrue(
        installed(),
        "schemathesis is not installed: pip install schemathesis==4.32.5 (see docs/reliability.md)");
    Files.createDirectories(REPORTS);
    Files.deleteIfExists(har);
    List<String> command = new ArrayList<>();
    command.add(SCHEMATHESIS);
    command.add("run");
    command.add("http://127.0.0.1:" + port + "/v3/api-docs");
    command.addAll(List.of(options));
    command.addAll(
        List.of(
            "--seed",
            SEED,
            "--generation-deterministic",
            "--workers",
            "1",
            "--max-time",
            "150",
            "--request-timeout",
            "10",
            "--no-color",
            "--report",
            "har",
            "--report-har-path",
            har.toString()));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(REPORTS.resolve(har.getFileName() + ".log").toFile())
            .start();
    if (!process.waitFor(240, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("schemathesis ran longer than 240 s");
    }
    String output =
        Files.readString(REPORTS.resolve(har.getFileName() + ".log"), StandardCharsets.UTF_8);
    return new Run(process.exitValue(), output);
  }

  private static boolean installed() {
    try {
      Process p = new ProcessBuilder(SCHEMATHESIS, "--version").redirectErrorStream(true).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<JsonNode> entries(Path har) throws IOException {
    assertThat(har).exists();
    List<JsonNode> entries = new ArrayList<>();
    JSON.readTree(har.toFile()).at("/log/entries").forEach(entries::add);
    return entries;
  }
}
