package io.telemetra.soak.report;

import io.telemetra.events.EventType;
import io.telemetra.soak.FaultOutcome;
import io.telemetra.soak.SoakResult;
import io.telemetra.truth.TableDiff;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** Writes a soak run's report: report.md, samples.csv and timeline.png in the output directory. */
public final class SoakReport {

  private SoakReport() {}

  /** Writes the three files; returns the Markdown report's path. */
  public static Path write(SoakResult r, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path png = dir.resolve("timeline.png");
    TimelinePlot.write(title(r), r.samples(), faultWindows(r), png);
    Files.writeString(dir.resolve("samples.csv"), csv(r.samples()), StandardCharsets.UTF_8);
    Path md = dir.resolve("report.md");
    Files.writeString(md, markdown(r), StandardCharsets.UTF_8);
    return md;
  }

  static String title(SoakResult r) {
    return String.format(
        Locale.ROOT,
        "Telemetra soak: %,d events/s for %s, %s",
        r.settings().rate(),
        minutes(r.settings().duration()),
        r.settings().faults() ? "with faults" : "no faults");
  }

  static List<FaultWindow> faultWindows(SoakResult r) {
    double end = seconds(r, r.productionEnded());
    List<FaultWindow> windows = new ArrayList<>();
    for (FaultOutcome f : r.faults()) {
      windows.add(
          new FaultWindow(
              f.kind().label(),
              seconds(r, f.struck()),
              f.undone().map(u -> Math.max(seconds(r, u), seconds(r, f.struck()) + 1)).orElse(end),
              f.recovered().map(t -> seconds(r, t)).orElse(null)));
    }
    return windows;
  }

  static String markdown(SoakResult r) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title(r)).append("\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "Started %s; %d streams, %d partitions per topic, seed %d, outages of %d s; %d cores,"
                + " load average %.1f at the end.%n%n",
            r.started(),
            r.settings().streams(),
            r.settings().partitions(),
            r.settings().seed(),
            r.settings().outage().toSeconds(),
            Runtime.getRuntime().availableProcessors(),
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    md.append("**Verdict: ")
        .append(r.passed() ? "PASS" : "FAIL")
        .append("** — ")
        .append(
            r.exact()
                ? "every table equals the ground truth"
                : "tables DIFFER from the ground truth")
        .append(", ")
        .append(
            r.recoveredFromEveryFault()
                ? "the pipeline recovered from every fault"
                : "the pipeline did NOT recover from every fault")
        .append(".\n\n");

    md.append("## Events\n\n| | records |\n|---|---:|\n");
    for (EventType type : EventType.values()) {
      md.append(
          row(
              "produced: " + type.name().toLowerCase(Locale.ROOT),
              r.produced().recordsByType().getOrDefault(type, 0L)));
    }
    md.append(row("produced: all", r.produced().records()));
    md.append(row("accepted by the codec", r.produced().accepted()));
    md.append(row("of which repeated event ids (counted once)", r.duplicates()));
    md.append(row("rejected (expected in the DLQ)", r.produced().rejected()));
    md.append(
        row("consumed and committed by the streaming job (checkpoint)", r.committedRecords()));
    md.append("\n");

    md.append("## Throughput and freshness\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "- produced %,.0f events/s on average while producing (target %,d)%n"
                + "- committed %,.0f events/s on average over the same time%n"
                + "- newest window lag: median %s, max %s while producing%n"
                + "- the tables %s%n%n",
            average(r, true),
            r.settings().rate(),
            average(r, false),
            percentileLag(r, 0.5),
            percentileLag(r, 1.0),
            r.drainedAfter()
                .map(
                    d -> "equalled the ground truth " + d.toSeconds() + " s after production ended")
                .orElse("did not equal the ground truth within the drain timeout")));

    md.append("## Faults\n\n");
    md.append(
        "| fault | at | down for | healthy again after | API requests | API errors | error rate |\n"
            + "|---|---:|---:|---:|---:|---:|---:|\n");
    for (FaultOutcome f : r.faults()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | +%.0f s | %s | %s | %d | %d | %.1f%% |%n",
              f.kind().label(),
              seconds(r, f.struck()),
              f.undone()
                  .map(
                      u ->
                          String.format(
                              Locale.ROOT,
                              "%.0f s",
                              Duration.between(f.struck(), u).toMillis() / 1000.0))
                  .orElse("rest of run"),
              f.recoveryTime()
                  .map(d -> String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0))
                  .orElse("**not recovered**"),
              f.api().requests(),
              f.api().errors(),
              100 * f.api().errorRate()));
    }
    md.append(
        "\n\"Healthy again\": streaming job — windows committed again; API — a request answered"
            + " 2xx; PostgreSQL — both; Kafka — windows committed and new records produced; Redis"
            + " — the API answers from PostgreSQL. Times count from the restart (from the fault"
            + " for SIGKILL and Redis). API figures cover the fault until recovery.\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "API over the whole run: %d requests, %d errors (%.2f%%).%n%n",
            r.api().requests(),
            r.api().errors(),
            100 * r.api().errorRate()));

    md.append("| API request → answer | count |\n|---|---:|\n");
    r.apiAnswers().forEach((answer, n) -> md.append(row(answer, n)));
    if (!r.apiFirstFailures().isEmpty()) {
      md.append("\nFirst failing answer of each kind:\n\n```\n");
      r.apiFirstFailures().forEach((k, v) -> md.append(k).append(": ").append(v).append('\n'));
      md.append("```\n");
    }
    md.append("\n## Pipeline output against the ground truth\n\n");
    md.append(
        "| table | expected rows | rows | missing | unexpected |\n|---|---:|---:|---:|---:|\n");
    for (TableDiff d : r.diffs()) {
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,d | %d | %d |%n",
              d.table(),
              d.expected(),
              d.actual(),
              d.missing(),
              d.unexpected()));
    }
    for (TableDiff d : r.diffs()) {
      if (!d.examples().isEmpty()) {
        md.append("\n`").append(d.table()).append("`:\n\n```\n");
        d.examples().forEach(e -> md.append(e).append('\n'));
        md.append("```\n");
      }
    }

    md.append("\n## Memory\n\n");
    md.append(
        "| process | judged over | mean RSS | RSS trend | heap-after-GC trend | growth? |\n"
            + "|---|---:|---:|---:|---:|---|\n");
    double from = judgedFrom(r);
    TreeSet<String> processes = new TreeSet<>();
    r.samples().forEach(s -> processes.addAll(s.memory().keySet()));
    for (String p : processes) {
      Optional<MemoryTrend> t = MemoryTrend.of(p, production(r), from);
      if (t.isEmpty()) {
        md.append("| ").append(p).append(" | too short to judge (< 5 min) | | | | |\n");
        continue;
      }
      MemoryTrend m = t.get();
      md.append(
          String.format(
              Locale.ROOT,
              "| %s | %.1f min | %.0f MB | %+.2f MB/min | %s | %s |%n",
              p,
              m.stretchMinutes(),
              m.meanRssMb(),
              m.rssMbPerMinute(),
              Double.isNaN(m.heapMbPerMinute())
                  ? "—"
                  : String.format(Locale.ROOT, "%+.2f MB/min", m.heapMbPerMinute()),
              m.grows() ? "**growing**" : "no"));
    }
    md.append(
        "\nJudged from +"
            + Math.round(from)
            + " s (after a warm-up of 2 min and after the pipeline recovered from the last outage"
            + " and ran 15 s: an outage leaves buffers behind, a step rather than a trend) until"
            + " production ended, over each process's last stretch without a restart;"
            + " RSS is the proportional set size summed over the process and its children (shared"
            + " pages counted once); growth means more than 10% of the mean RSS per 10 minutes.\n\n");
    md.append("![throughput, freshness and memory over time](timeline.png)\n\n");
    md.append("Every sample is in `samples.csv`.\n");
    return md.toString();
  }

  /**
   * Where memory starts to be judged: after a warm-up, and after the last outage (PostgreSQL or
   * Kafka down) recovered and settled, since the data buffered during an outage stays as a step.
   */
  static double judgedFrom(SoakResult r) {
    double from = Math.min(120, r.settings().duration().toSeconds() * 0.2);
    for (FaultOutcome f : r.faults()) {
      if (f.kind().lastsAnOutage() && f.recovered().isPresent()) {
        from = Math.max(from, seconds(r, f.recovered().get()) + 15);
      }
    }
    return from;
  }

  /** The samples taken while the producer ran: idle draining says nothing about growth. */
  private static List<Sample> production(SoakResult r) {
    double end = seconds(r, r.productionEnded());
    return r.samples().stream().filter(s -> s.seconds() <= end).toList();
  }

  static String csv(List<Sample> samples) {
    TreeSet<String> processes = new TreeSet<>();
    samples.forEach(s -> processes.addAll(s.memory().keySet()));
    StringBuilder csv =
        new StringBuilder(
            "seconds,produced_per_s,committed_per_s,newest_window_lag_s,api_requests,api_errors");
    for (String p : processes) {
      String id = p.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
      csv.append(',').append(id).append("_rss_mb,").append(id).append("_heap_after_gc_mb");
    }
    csv.append('\n');
    for (Sample s : samples) {
      csv.append(
          String.format(
              Locale.ROOT,
              "%.1f,%.1f,%.1f,%s,%d,%d",
              s.seconds(),
              s.producedPerSecond(),
              s.committedPerSecond(),
              s.freshnessSeconds() == null
                  ? ""
                  : String.format(Locale.ROOT, "%.1f", s.freshnessSeconds()),
              s.apiRequests(),
              s.apiErrors()));
      for (String p : processes) {
        ProcessMemory m = s.memory().get(p);
        csv.append(',')
            .append(m == null ? "" : String.format(Locale.ROOT, "%.1f", m.rssMb()))
            .append(',')
            .append(
                m == null || !m.isJvm() ? "" : String.format(Locale.ROOT, "%.1f", m.heapUsedMb()));
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  private static String row(String what, long n) {
    return String.format(Locale.ROOT, "| %s | %,d |%n", what, n);
  }

  private static double average(SoakResult r, boolean produced) {
    double end = seconds(r, r.productionEnded());
    double total = 0;
    double previous = 0;
    for (Sample s : r.samples()) {
      if (s.seconds() > end) {
        break;
      }
      total +=
          (produced ? s.producedPerSecond() : s.committedPerSecond()) * (s.seconds() - previous);
      previous = s.seconds();
    }
    return previous == 0 ? 0 : total / previous;
  }

  private static String percentileLag(SoakResult r, double p) {
    double end = seconds(r, r.productionEnded());
    List<Double> lags =
        r.samples().stream()
            .filter(s -> s.seconds() <= end && s.freshnessSeconds() != null)
            .map(Sample::freshnessSeconds)
            .sorted()
            .toList();
    if (lags.isEmpty()) {
      return "n/a";
    }
    int i = (int) Math.min(lags.size() - 1, Math.ceil(p * lags.size()) - 1);
    return String.format(Locale.ROOT, "%.1f s", lags.get(Math.max(0, i)));
  }

  private static double seconds(SoakResult r, java.time.Instant t) {
    return Duration.between(r.started(), t).toMillis() / 1000.0;
  }

  private static String minutes(Duration d) {
    return d.toSeconds() % 60 == 0 ? d.toMinutes() + " min" : d.toSeconds() + " s";
  }
}
