package io.telemetra.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.soak.report.SoakReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The short soak that runs in CI: the whole local pipeline at 2,000 events/s for three minutes
 * while every fault of the schedule strikes once, then every table compared with the ground truth.
 * The full run is {@code java -jar workloads/soak/target/telemetra-soak.jar} (docs/reliability.md).
 */
class SoakIT {

  @Test
  void everyTableEqualsTheGroundTruthAfterEveryFaultOfTheSchedule() throws Exception {
    Path out = Path.of(System.getProperty("soak.out", "target/soak")).resolve("ci");
    SoakSettings settings =
        new SoakSettings(
            Integer.getInteger("soak.rate", 2000),
            Duration.ofSeconds(Long.getLong("soak.seconds", 180)),
            8,
            2,
            7,
            Duration.ofSeconds(Long.getLong("soak.outage.seconds", 30)),
            Duration.ofSeconds(2),
            Duration.ofMinutes(5),
            out,
            true);

    SoakResult result =
        new SoakRun(settings, FaultSchedule.standard(settings.duration()), System.out).run();
    Path report = SoakReport.write(result, out);
    String text = Files.readString(report);
    System.out.println(text);

    assertThat(result.faults()).hasSize(FaultKind.values().length);
    assertThat(result.produced().rejected()).as("malformed records were produced").isPositive();
    assertThat(result.duplicates()).as("duplicate records were produced").isPositive();
    assertThat(result.exact()).as("tables equal the ground truth; see %s", report).isTrue();
    assertThat(result.recoveredFromEveryFault())
        .as("recovered from every fault; see %s", report)
        .isTrue();
    assertThat(out.resolve("timeline.png")).isNotEmptyFile();
    assertThat(text).contains("Verdict: PASS");
  }
}
