package io.telemetra.analytics.moments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One stream's window values around the windows being evaluated: chat counts, last viewer counts
 * and revenue per currency, keyed by window start. A window start is "observed" when the stream had
 * chat or viewer data in it; a missing chat or revenue value at an observed start counts as zero.
 */
public final class StreamHistory {

  private final Map<Instant, Long> chatCounts = new HashMap<>();
  private final Map<Instant, Long> lastViewers = new HashMap<>();
  private final Map<String, Map<Instant, BigDecimal>> revenue = new HashMap<>();
  private final Set<Instant> observed = new HashSet<>();
  private final Set<Instant> withData = new HashSet<>();

  public void chat(Instant start, long count) {
    chatCounts.put(start, count);
    observed.add(start);
    withData.add(start);
  }

  public void viewers(Instant start, long last) {
    lastViewers.put(start, last);
    observed.add(start);
    withData.add(start);
  }

  public void revenue(Instant start, String currency, BigDecimal sum) {
    revenue.computeIfAbsent(currency, c -> new HashMap<>()).put(start, sum);
    withData.add(start);
  }

  public boolean observed(Instant start) {
    return observed.contains(start);
  }

  /**
   * Whether the stream has any window row (chat, viewer or revenue) at {@code start}: only such a
   * window can have a moment, since every kind needs the window's own value.
   */
  public boolean hasData(Instant start) {
    return withData.contains(start);
  }

  public Long chatCount(Instant start) {
    return chatCounts.get(start);
  }

  public Long lastViewers(Instant start) {
    return lastViewers.get(start);
  }

  public Set<String> currencies() {
    return revenue.keySet();
  }

  public BigDecimal revenue(Instant start, String currency) {
    return revenue.getOrDefault(currency, Map.of()).get(start);
  }
}
