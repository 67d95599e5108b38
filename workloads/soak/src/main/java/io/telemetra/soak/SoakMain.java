package io.telemetra.soak;

import io.telemetra.runtime.DurationText;
import io.telemetra.soak.report.SoakReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar telemetra-soak.jar}: the soak and fault run, with its report. */
@Command(
    name = "telemetra-soak",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the whole local pipeline (Kafka, PostgreSQL, Redis, the streaming job, the API and",
      "the producer) at a sustained rate while faults strike: the streaming job and the API",
      "SIGKILLed, PostgreSQL and the broker stopped for an outage, Redis stopped for good. Then",
      "compares every window row, transaction, moment and dead letter with the ground truth",
      "computed from what Kafka holds, and writes report.md, samples.csv and timeline.png.",
      "Exit code 0 when everything equals the ground truth and every fault was recovered from."
    })
public final class SoakMain implements Callable<Integer> {

  @Option(
      names = "--rate",
      defaultValue = "20000",
      description = "Events per second (default ${DEFAULT-VALUE}).")
  int rate;

  @Option(
      names = "--duration",
      defaultValue = "20m",
      converter = DurationText.Converter.class,
      description = "How long to produce, e.g. 20m, 3m (default ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(
      names = "--streams",
      defaultValue = "8",
      description = "Simulated streams (default ${DEFAULT-VALUE}).")
  int streams;

  @Option(
      names = "--partitions",
      defaultValue = "2",
      description = "Partitions per topic (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--seed",
      defaultValue = "20261127",
      description = "Producer seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--outage",
      defaultValue = "30s",
      converter = DurationText.Converter.class,
      description = "How long PostgreSQL and the broker stay down (default ${DEFAULT-VALUE}).")
  Duration outage;

  @Option(names = "--no-faults", description = "Soak only: no fault strikes.")
  boolean noFaults;

  @Option(
      names = "--sample-every",
      defaultValue = "5s",
      converter = DurationText.Converter.class,
      description = "Sampling interval (default ${DEFAULT-VALUE}).")
  Duration sampleEvery;

  @Option(
      names = "--drain-timeout",
      defaultValue = "15m",
      converter = DurationText.Converter.class,
      description =
          "How long to wait after production for the tables to equal the ground truth (default ${DEFAULT-VALUE}).")
  Duration drainTimeout;

  @Option(
      names = "--out",
      defaultValue = "target/soak",
      description =
          "Where the report and the run's data go; its data/ is wiped first (default ${DEFAULT-VALUE}).")
  Path out;

  SoakSettings settings() {
    return new SoakSettings(
        rate,
        duration,
        streams,
        partitions,
        seed,
        outage,
        sampleEvery,
        drainTimeout,
        out.toAbsolutePath(),
        !noFaults);
  }

  @Override
  public Integer call() throws Exception {
    SoakSettings settings;
    try {
      settings = settings();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    FaultSchedule schedule =
        settings.faults() ? FaultSchedule.standard(settings.duration()) : FaultSchedule.none();
    SoakResult result = new SoakRun(settings, schedule, System.out).run();
    Path report = SoakReport.write(result, settings.out());
    System.out.println("soak: report in " + report);
    System.out.println("soak: " + (result.passed() ? "PASS" : "FAIL"));
    return result.passed() ? 0 : 1;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new SoakMain()).execute(args));
  }
}
