package io.telemetra.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The short soak that runs in CI: the packaged {@code telemetra-soak.jar}, run as a user runs it,
 * drives the whole local pipeline at 2,000 events/s for three minutes while every fault of the
 * schedule strikes once, then compares every table with the ground truth. The full run is the same
 * jar with its defaults (docs/reliability.md).
 */
class SoakIT {

  private static final Path JAR =
      Path.of(System.getProperty("soak.jar", "target/telemetra-soak.jar"));
  private static final Path OUT =
      Path.of(System.getProperty("soak.out", "target/soak")).resolve("ci").toAbsolutePath();

  @Test
  void everyTableEqualsTheGroundTruthAfterEveryFaultOfTheSchedule() throws Exception {
    Files.createDirectories(OUT);
    Path log = OUT.resolve("soak.log");
    Process soak =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    JAR.toString(),
                    "--rate",
                    System.getProperty("soak.rate", "2000"),
                    "--duration",
                    System.getProperty("soak.seconds", "180") + "s",
                    "--seed",
                    "7",
                    "--sample-every",
                    "2s",
                    "--drain-timeout",
                    "5m",
                    "--out",
                    OUT.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = soak.waitFor(15, TimeUnit.MINUTES);
    if (!finished) {
      soak.destroy();
      soak.waitFor(30, TimeUnit.SECONDS);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    System.out.println(output);
    assertThat(finished).as("the soak finished within 15 minutes").isTrue();

    Path report = OUT.resolve("report.md");
    String text = Files.readString(report, StandardCharsets.UTF_8);
    System.out.println(text);
    assertThat(soak.exitValue()).as("exit code; see %s", report).isZero();
    assertThat(text).contains("**Verdict: PASS**");
    for (FaultKind kind : FaultKind.values()) {
      assertThat(text)
          .as("a recovery time for " + kind.label())
          .containsPattern(
              "\\| "
                  + Pattern.quote(kind.label())
                  + " \\| \\+\\d+ s \\| [^|]+ \\| \\d+\\.\\d s \\|");
    }
    assertThat(count(text, "rejected \\(expected in the DLQ\\)"))
        .as("malformed records")
        .isPositive();
    assertThat(count(text, "of which repeated event ids \\(counted once\\)"))
        .as("duplicates")
        .isPositive();
    for (String table :
        List.of("chat_summary_minute", "transactions", "moments", "dead letters \\(Kafka\\)")) {
      assertThat(text).containsPattern("\\| " + table + " \\| [\\d,]+ \\| [\\d,]+ \\| 0 \\| 0 \\|");
    }
    assertThat(OUT.resolve("timeline.png")).isNotEmptyFile();
    assertThat(OUT.resolve("samples.csv")).isNotEmptyFile();
  }

  private static long count(String report, String row) {
    Matcher m = Pattern.compile("\\| " + row + " \\| ([\\d,]+) \\|").matcher(report);
    assertThat(m.find()).as("row " + row).isTrue();
    return Long.parseLong(m.group(1).replace(",", ""));
  }
}
