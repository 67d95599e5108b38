package io.telemetra.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.events.Event;
import io.telemetra.truth.GroundTruth;
import io.telemetra.truth.Rows;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ground truth (workloads/truth, the oracle the soak and the real-cluster tier use too) for the
 * events a test sent: deduplicated by event id, each event in every sliding window containing it.
 * Only events the job must count in windows are given (late ones are left out by the caller).
 */
final class Expected {

  private Expected() {}

  /** Every table the job writes from events (windows and transactions), as expected. */
  record Tables(
      Set<Rows.Chat> chat,
      Set<Rows.Viewers> viewers,
      Set<Rows.Revenue> revenue,
      Set<Rows.Transaction> transactions) {

    static Tables of(Collection<Event> events, Duration length, Duration slide) {
      GroundTruth truth = truth(events, length, slide);
      GroundTruth.Windows windows = truth.windows();
      return new Tables(windows.chat, windows.viewers, windows.revenue, truth.transactions());
    }

    /** Asserts that the job's tables hold exactly these rows. */
    void assertWritten(Connection c) throws SQLException {
      assertThat(WrittenRows.transactions(c)).containsExactlyInAnyOrderElementsOf(transactions);
      assertThat(WrittenRows.chat(c)).containsExactlyInAnyOrderElementsOf(chat);
      assertThat(WrittenRows.viewers(c)).containsExactlyInAnyOrderElementsOf(viewers);
      assertThat(WrittenRows.revenue(c)).containsExactlyInAnyOrderElementsOf(revenue);
    }
  }

  static Set<Rows.Chat> chat(Collection<Event> events, Duration length, Duration slide) {
    return truth(events, length, slide).windows().chat;
  }

  static Set<Rows.Viewers> viewers(Collection<Event> events, Duration length, Duration slide) {
    return truth(events, length, slide).windows().viewers;
  }

  static Set<Rows.Revenue> revenue(Collection<Event> events, Duration length, Duration slide) {
    return truth(events, length, slide).windows().revenue;
  }

  /** Transactions are stored whatever their event time: no window, no watermark. */
  static Set<Rows.Transaction> transactions(Collection<Event> events) {
    return truth(events, Duration.ofSeconds(1), Duration.ofSeconds(1)).transactions();
  }

  /** The first event of each id, in the order sent. */
  static Map<String, Event> dedup(Collection<Event> events) {
    Map<String, Event> byId = new LinkedHashMap<>();
    for (Event e : events) {
      byId.putIfAbsent(e.eventId(), e);
    }
    return byId;
  }

  private static GroundTruth truth(Collection<Event> events, Duration length, Duration slide) {
    GroundTruth truth = new GroundTruth(length, slide);
    events.forEach(truth::accept);
    return truth;
  }
}
