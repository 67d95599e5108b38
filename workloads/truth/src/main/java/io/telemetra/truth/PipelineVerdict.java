package io.telemetra.truth;

import io.telemetra.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Whether the pipeline's tables equal the ground truth read back from Kafka, as the soak judges it.
 *
 * @param distinctEvents distinct events in the ground truth
 * @param diffs the last comparison of each table (empty when none ran before the timeout)
 * @param equalAt when every table was first seen equal to the truth; empty when not in time
 */
public record PipelineVerdict(
    long distinctEvents, List<TableDiff> diffs, Optional<Instant> equalAt) {

  public PipelineVerdict {
    diffs = List.copyOf(diffs);
  }

  /**
   * Reads the ground truth back from every record the event topics hold now and waits up to {@code
   * timeout} until every table equals it, for a job with the default moment rule. Call it only once
   * nothing writes to the event topics any more ({@link ExpectedTables}).
   */
  public static PipelineVerdict check(
      String bootstrapServers,
      Topics topics,
      ExpectedTables.Database db,
      Duration window,
      Duration slide,
      Duration timeout,
      Consumer<String> notes) {
    return ExpectedTables.readBack(
            bootstrapServers,
            topics,
            window,
            slide,
            ExpectedTables.DEFAULT_MOMENT_HISTORY,
            ExpectedTables.DEFAULT_MOMENT_THRESHOLD)
        .awaitEqual(db, timeout, notes);
  }

  public boolean passed() {
    return equalAt.isPresent();
  }

  /** One line: which tables differ and by how much, or the rows of each equal table. */
  public String summary() {
    String truth =
        String.format(Locale.ROOT, "the ground truth of %,d distinct events", distinctEvents);
    if (passed()) {
      return "every table equals "
          + truth
          + " ("
          + diffs.stream()
              .map(d -> String.format(Locale.ROOT, "%s %,d rows", d.table(), d.actual()))
              .collect(Collectors.joining(", "))
          + ")";
    }
    List<TableDiff> differing = diffs.stream().filter(d -> !d.equal()).toList();
    if (differing.isEmpty()) {
      return "no comparison with " + truth + " ran before the timeout";
    }
    return differing.size()
        + " of "
        + diffs.size()
        + " tables differ from "
        + truth
        + ": "
        + differing.stream()
            .map(
                d ->
                    String.format(
                        Locale.ROOT,
                        "%s %,d missing and %,d unexpected of %,d expected rows",
                        d.table(),
                        d.missing(),
                        d.unexpected(),
                        d.expected()))
            .collect(Collectors.joining("; "));
  }

  /** The summary, then a few missing and unexpected rows of each table that differs. */
  public String report() {
    StringBuilder text = new StringBuilder(summary());
    for (TableDiff d : diffs) {
      if (!d.equal()) {
        text.append('\n').append(d.table()).append(':');
        d.examples().forEach(e -> text.append("\n  ").append(e));
      }
    }
    return text.toString();
  }
}
