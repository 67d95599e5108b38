package io.telemetra.operator.streaming;

import static io.telemetra.operator.status.ConditionType.DATA_FLOWING;

import io.telemetra.operator.api.v1alpha1.DataFlowStatus;
import io.telemetra.operator.api.v1alpha1.QueryProgress;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.config.PollingSettings;
import io.telemetra.operator.status.PartState;
import io.telemetra.operator.status.Reason;
import io.telemetra.schema.StreamingQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether data moves through a running pipeline, from two things the operator polls anyway: the
 * records in the event topics (Kafka end offsets) and the last batch each streaming query committed
 * (the commit ledger in Postgres). The job is stalled when records have waited longer than {@link
 * #stallAfter} for a commit (counted from when the operator first saw them arrive after the last
 * commit, and no earlier than the job started running): it runs, but nothing reaches the tables.
 * Kubernetes and the Spark operator cannot see that; DataFlowing=False makes the pipeline Degraded.
 */
public final class DataFlow {

  private DataFlow() {}

  /**
   * The data flow after this observation: the new input and dead-letter counts and last commits
   * where they were observed (the previous figures where not), and since when records wait for a
   * commit: the first growth of the input seen after the last commit, cleared once a commit covers
   * it. The growth is seen by a Kafka poll, up to one poll interval after the records arrived, so a
   * commit up to {@code slack} (one poll and one trigger) before it covers it too.
   */
  public static DataFlowStatus next(
      DataFlowStatus old,
      Long inputRecords,
      Long deadLetters,
      List<QueryProgress> queries,
      Duration slack,
      Instant now) {
    if (inputRecords == null && deadLetters == null && queries == null) {
      return old;
    }
    Long previousInput = old == null ? null : old.getInputRecords();
    List<QueryProgress> commits =
        queries != null ? queries : old == null ? List.of() : old.getQueries();
    Optional<Instant> lastCommit = lastCommit(commits).map(DataFlow::committedAt);
    Optional<Instant> waiting =
        Optional.ofNullable(old == null ? null : old.getUncommittedSince()).map(Instant::parse);
    boolean grew = inputRecords != null && previousInput != null && inputRecords > previousInput;
    if (waiting.isEmpty() && grew) {
      waiting = Optional.of(now);
    }
    waiting =
        waiting.filter(
            since -> lastCommit.isEmpty() || lastCommit.get().isBefore(since.minus(slack)));
    Long input = inputRecords != null ? inputRecords : previousInput;
    return new DataFlowStatus(
        input,
        deadLetters != null ? deadLetters : old == null ? null : old.getDeadLetters(),
        lag(input, commits),
        waiting.map(Instant::toString).orElse(null),
        commits);
  }

  /**
   * Records in the event topics the ingest query has not read: the input minus where it read up to,
   * never below 0 (the two figures are polled at different moments).
   */
  private static Long lag(Long input, List<QueryProgress> queries) {
    return queries.stream()
        .filter(q -> StreamingQueries.INGEST.equals(q.getName()) && q.getConsumedRecords() != null)
        .findFirst()
        .filter(q -> input != null)
        .map(q -> Math.max(0, input - q.getConsumedRecords()))
        .orElse(null);
  }

  /** The end of the newest window the job has written, as its ledger says. */
  public static Optional<Instant> newestWindowEnd(DataFlowStatus flow) {
    return flow == null
        ? Optional.empty()
        : flow.getQueries().stream()
            .map(QueryProgress::getNewestWindowEnd)
            .filter(java.util.Objects::nonNull)
            .map(Instant::parse)
            .max(Comparator.naturalOrder());
  }

  private static Optional<QueryProgress> lastCommit(List<QueryProgress> queries) {
    return queries.stream().max(Comparator.comparing(DataFlow::committedAt));
  }

  private static Instant committedAt(QueryProgress query) {
    return Instant.parse(query.getLastCommittedAt());
  }

  /**
   * How long records may wait for a commit: six triggers, but at least twice one poll of Kafka plus
   * one of Postgres: the two figures are seen at different times, and a commit becomes visible only
   * with the next Postgres poll.
   */
  public static Duration stallAfter(TelemetraPipeline pipeline) {
    Duration triggers = trigger(pipeline).multipliedBy(6);
    Duration polls = PollingSettings.kafka().plus(PollingSettings.postgres()).multipliedBy(2);
    return triggers.compareTo(polls) >= 0 ? triggers : polls;
  }

  /** How much earlier than the Kafka poll that saw records arrive a commit may still cover them. */
  public static Duration slack(TelemetraPipeline pipeline) {
    return PollingSettings.kafka().plus(trigger(pipeline));
  }

  private static Duration trigger(TelemetraPipeline pipeline) {
    return Duration.ofSeconds(pipeline.getSpec().getStreaming().getTriggerSeconds());
  }

  /**
   * The DataFlowing part while the job runs ({@code runningSince}, empty otherwise: StreamingReady
   * says why it does not), once the input was observed.
   */
  public static Optional<PartState> state(
      DataFlowStatus flow, Optional<Instant> runningSince, Duration stallAfter, Instant now) {
    if (flow == null || flow.getInputRecords() == null || runningSince.isEmpty()) {
      return Optional.empty();
    }
    Optional<QueryProgress> last = lastCommit(flow.getQueries());
    String committed =
        last.map(
                q ->
                    "the last batch committed at "
                        + q.getLastCommittedAt()
                        + " ("
                        + q.getName()
                        + " batch "
                        + q.getLastBatchId()
                        + ")")
            .orElse("no batch committed since the job started running at " + runningSince.get());
    // Records cannot be expected in a batch before the job runs.
    Optional<Instant> waiting =
        Optional.ofNullable(flow.getUncommittedSince())
            .map(Instant::parse)
            .map(since -> since.isBefore(runningSince.get()) ? runningSince.get() : since);
    if (waiting.isPresent() && waiting.get().plus(stallAfter).isBefore(now)) {
      return Optional.of(
          PartState.notReady(
              DATA_FLOWING,
              Reason.NoBatchesCommitted,
              "records have been waiting since "
                  + waiting.get()
                  + " (the event topics hold "
                  + flow.getInputRecords()
                  + ") and "
                  + committed
                  + ": none for more than "
                  + stallAfter.toSeconds()
                  + " s; the job runs but writes nothing: see its driver log"));
    }
    String input =
        newestWindowEnd(flow).map(end -> "; the newest window ends at " + end).orElse("")
            + "; the event topics hold "
            + flow.getInputRecords()
            + " records"
            + (flow.getConsumerLag() == null ? "" : " (" + flow.getConsumerLag() + " not read yet)")
            + (flow.getDeadLetters() == null
                ? ""
                : ", the dead-letter topic " + flow.getDeadLetters());
    return Optional.of(
        last.isEmpty()
            ? PartState.ready(DATA_FLOWING, Reason.WaitingForInput, committed + input)
            : PartState.ready(DATA_FLOWING, Reason.BatchesCommitting, committed + input));
  }
}
