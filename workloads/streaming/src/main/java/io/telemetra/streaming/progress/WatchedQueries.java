package io.telemetra.streaming.progress;

import java.util.Set;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/** A listener to the progress of some of the job's queries, by name; other events are ignored. */
abstract class WatchedQueries extends StreamingQueryListener {

  private final Set<String> queries;

  WatchedQueries(Set<String> queries) {
    this.queries = Set.copyOf(queries);
  }

  /** A batch of a watched query finished (or an idle trigger of one reported). */
  abstract void progressed(StreamingQueryProgress progress);

  @Override
  public final void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public final void onQueryProgress(QueryProgressEvent event) {
    if (queries.contains(event.progress().name())) {
      progressed(event.progress());
    }
  }

  @Override
  public final void onQueryTerminated(QueryTerminatedEvent event) {}
}
