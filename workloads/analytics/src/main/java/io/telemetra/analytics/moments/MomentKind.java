package io.telemetra.analytics.moments;

/** What spiked: the kind column of the moments table. */
public enum MomentKind {
  /** Chat messages in the window. */
  CHAT_SPIKE("chat_spike", "chat_count"),
  /** Change of the last viewer count over one slide. */
  VIEWER_SPIKE("viewer_spike", "viewer_change"),
  /** Money spent in the window, per currency. */
  REVENUE_SPIKE("revenue_spike", "amount_sum");

  private final String dbName;
  private final String metric;

  MomentKind(String dbName, String metric) {
    this.dbName = dbName;
    this.metric = metric;
  }

  public String dbName() {
    return dbName;
  }

  public String metric() {
    return metric;
  }
}
