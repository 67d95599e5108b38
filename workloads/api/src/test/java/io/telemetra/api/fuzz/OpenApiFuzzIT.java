package io.telemetra.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetra.api.support.ApiTestSupport;
import io.telemetra.api.support.Rows;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * (PyPI, pinned in docs/reliability.md): with the token, all of schemathesis' checks pass (the
 * document is complete and truthful: every status, parameter constraint and response schema),
 * nothing answers 5xx and no response leaks a stack trace or SQL; without it, every operation that
 * declares the bearer scheme answers 401.
 */
class OpenApiFuzzIT extends ApiTestSupport {

  private static final String SCHEMATHESIS = System.getProperty("schemathesis", "schemathesis");
  private static final String SEED = System.getProperty("fuzz.seed", "20261127");
  private static final String EXAMPLES = System.getProperty("fuzz.api.examples", "25");

  /**
   * {@code --checks all} by default: the behaviour checks and those of the document's completeness
   * (status_code_conformance, response_schema_conformance, positive_data_acceptance,
   * negative_data_rejection). {@code -Dfuzz.api.strict=false} runs only the behaviour checks.
   */
  private static final boolean STRICT =
      Boolean.parseBoolean(System.getProperty("fuzz.api.strict", "true"));

  private static final String BEHAVIOUR_CHECKS =
      "not_a_server_error,content_type_conformance,response_headers_conformance,"
          + "missing_required_header,unsupported_method,allow_header_conformance,use_after_free,"
          + "ensure_resource_availability,ignored_auth";

  /** What the document cannot express (cross-parameter rules), told to schemathesis instead. */
  private static final String CONFIG = "/fuzz/schemathesis.toml";

  private static final Pattern LEAK =
      Pattern.compile(
          "Exception|\\n\\s*at [a-z]|org\\.postgresql|org\\.springframework|java\\.lang|PSQL"
              + "|syntax error at or near|SQLState|ERROR: |SELECT .* FROM|Whitelabel");
  private static final Path REPORTS = Path.of("target", "schemathesis");

  /**
   * Streams whose answers use every part of the response schemas: windows with and without chat
   * sentiment and viewers, revenue, a transaction and a moment, and a stream row with nothing but
   * its id (every nullable field null, no window).
   */
  @BeforeAll
  static void streamsWithData() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Rows rows = rows();
    String full = Rows.uniqueStreamId("fuzz");
    rows.stream(full, "online", now.minusSeconds(600));
    rows.chat(full, now.minusSeconds(120), 40, 12, 0.25, 1);
    rows.chat(full, now.minusSeconds(60), 3, 2, null, 2);
    rows.viewers(full, now.minusSeconds(120), 150.5, 120, 180, 175, 1);
    rows.revenue(full, now.minusSeconds(120), "USD", 2, "12.50", 1);
    rows.transaction(full, now.minusSeconds(100), "tip", "10.00", "USD");
    rows.moment(full, now.minusSeconds(120), "chat_spike", 4.2, 1);
    rows.update("INSERT INTO streams (stream_id) VALUES (?)", Rows.uniqueStreamId("fuzz-bare"));
  }

  @Test
  void withTheTokenEveryOperationSurvivesFuzzingWithoutServerErrorsOrLeaks() throws Exception {
    Path har = REPORTS.resolve("authorized.har");
    Run run =
        schemathesis(
            har,
            "--checks",
            STRICT ? "all" : BEHAVIOUR_CHECKS,
            "--max-time",
            "100",
            // --checks all also checks each answer's time (10 s by default): this is a correctness
            // test, speed belongs to benchmarks; only an answer that hangs fails it.
            "--max-response-time",
            "120",
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
    Run run =
        schemathesis(
            har, "--checks", "not_a_server_error", "--max-examples", "5", "--max-time", "30");

    // "GET /path-regex" of each operation; other methods (TRACE, ...) may answer 405 first.
    List<Pattern> secured = new ArrayList<>();
    List<Pattern> open = new ArrayList<>();
    JsonNode api = json(get("/v3/api-docs"));
    boolean securedByDefault = api.path("security").size() > 0;
    for (Iterator<Map.Entry<String, JsonNode>> p = api.path("paths").fields(); p.hasNext(); ) {
      Map.Entry<String, JsonNode> path = p.next();
      String template = path.getKey().replaceAll("\\{[^}]+}", "[^/?]+") + "(\\?.*)?";
      for (Iterator<Map.Entry<String, JsonNode>> o = path.getValue().fields(); o.hasNext(); ) {
        Map.Entry<String, JsonNode> op = o.next();
        JsonNode security = op.getValue().get("security");
        boolean bearer = security == null ? securedByDefault : security.size() > 0;
        String method = op.getKey().toUpperCase(java.util.Locale.ROOT);
        (bearer ? secured : open).add(Pattern.compile(method + " .*" + template));
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
      boolean isSecured = secured.stream().anyMatch(t -> t.matcher(what).matches());
      boolean isOpen = open.stream().anyMatch(t -> t.matcher(what).matches());
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
    // springdoc builds the document on first use, which can outlast schemathesis' timeout.
    assertThat(get("/v3/api-docs").statusCode()).isEqualTo(200);
    List<String> command = new ArrayList<>();
    command.add(SCHEMATHESIS);
    command.add("--config-file");
    command.add(Path.of(OpenApiFuzzIT.class.getResource(CONFIG).toURI()).toString());
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
            "--request-timeout",
            "30",
            "--wait-for-schema",
            "60",
            "--no-color",
            "--report",
            "har",
            "--report-har-path",
            har.toAbsolutePath().toString()));
    Process process =
        new ProcessBuilder(command)
            .directory(REPORTS.toFile()) // schemathesis keeps state in ./.schemathesis
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
