package io.telemetra.truth;

import io.telemetra.events.Topics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What every table must hold once the streaming job has processed everything the event topics hold
 * now: the {@link GroundTruth} read back from Kafka, the moments its windows imply and the dead
 * letters its rejected records imply. Read it only once nothing writes to the event topics any more
 * (the producer stopped): events written later are in the tables but not in the truth.
 */
public final class ExpectedTables {

  /** The streaming job's moment rule by default (docs/streaming.md, "Moments"). */
  public static final int DEFAULT_MOMENT_HISTORY = 30;

  public static final double DEFAULT_MOMENT_THRESHOLD = 3.0;

  /** How often the tables are compared again while they still differ. */
  static final Duration COMPARE_EVERY = Duration.ofSeconds(10);

  /** Opens a fresh connection for each comparison, so PostgreSQL may restart in between. */
  @FunctionalInterface
  public interface Database {
    Connection connect() throws SQLException;
  }

  private final KafkaReadback readback;
  private final KafkaReadback.Produced events;
  private final GroundTruth truth;
  private final GroundTruth.Windows windows;
  private final Set<Rows.Moment> moments;

  private ExpectedTables(
      KafkaReadback readback,
      KafkaReadback.Produced events,
      GroundTruth truth,
      GroundTruth.Windows windows,
      Set<Rows.Moment> moments) {
    this.readback = readback;
    this.events = events;
    this.truth = truth;
    this.windows = windows;
    this.moments = moments;
  }

  /** Reads every record of the event topics, from the first offset to the end offsets now. */
  public static ExpectedTables readBack(
      String bootstrapServers,
      Topics topics,
      Duration window,
      Duration slide,
      int momentHistory,
      double momentThreshold) {
    GroundTruth truth = new GroundTruth(window, slide);
    KafkaReadback readback = new KafkaReadback(bootstrapServers, topics);
    KafkaReadback.Produced events = readback.events(truth);
    GroundTruth.Windows windows = truth.windows();
    Set<Rows.Moment> moments =
        new MomentRules(slide, momentHistory, momentThreshold).moments(windows);
    return new ExpectedTables(readback, events, truth, windows, moments);
  }

  /** What the event topics held. */
  public KafkaReadback.Produced events() {
    return events;
  }

  /** Distinct event ids among the accepted events. */
  public long distinctEvents() {
    return truth.distinctEvents();
  }

  /** Accepted events whose id had been seen before (counted once). */
  public long duplicates() {
    return truth.duplicates();
  }

  /**
   * Compares the tables (and the dead-letter topic) with the truth every {@link #COMPARE_EVERY}
   * until they are all equal or {@code timeout} has passed; {@code notes} hears of comparisons that
   * failed (PostgreSQL away) and are tried again.
   */
  public PipelineVerdict awaitEqual(Database db, Duration timeout, Consumer<String> notes) {
    Instant deadline = Instant.now().plus(timeout);
    List<TableDiff> diffs = List.of();
    Optional<Instant> equalAt = Optional.empty();
    while (Instant.now().isBefore(deadline)) {
      diffs = compare(db, notes);
      if (diffs.stream().allMatch(TableDiff::equal)) {
        equalAt = Optional.of(Instant.now());
        break;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      sleep(left.compareTo(COMPARE_EVERY) < 0 ? left : COMPARE_EVERY);
    }
    return new PipelineVerdict(truth.distinctEvents(), diffs, equalAt);
  }

  /** Each table compared once with the truth. */
  private List<TableDiff> compare(Database db, Consumer<String> notes) {
    try (Connection c = db.connect()) {
      WrittenTables written = new WrittenTables(c);
      return List.of(
          TableDiff.of("chat_summary_minute", windows.chat, written.chat()),
          TableDiff.of("viewer_timeseries", windows.viewers, written.viewers()),
          TableDiff.of("revenue_summary_minute", windows.revenue, written.revenue()),
          TableDiff.of("transactions", truth.transactions(), written.transactions()),
          TableDiff.of("moments", moments, written.moments()),
          TableDiff.of("dead letters (Kafka)", events.dlq(), readback.deadLetters()));
    } catch (Exception e) {
      notes.accept("comparing failed (" + e.getMessage() + "); trying again");
      return List.of(
          new TableDiff(
              "(PostgreSQL not readable: " + e.getMessage() + ")", 1, 0, 1, 0, List.of()));
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(Math.max(0, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
