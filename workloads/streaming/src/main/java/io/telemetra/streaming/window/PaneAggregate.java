package io.telemetra.streaming.window;

import io.telemetra.analytics.sentiment.SentimentLabel;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Timestamp;
import org.apache.spark.sql.Row;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The aggregate of one pane (a slide-long slice of event time) of one stream, kind and currency:
 * everything a window row needs except unique chatters, in a form that merges exactly. A window's
 * value is the merge of its panes, so an event is aggregated once instead of once per window.
 *
 * <p>A Java bean: Spark's bean encoder keeps it in the state store. The amount sum is a decimal
 * string so it stays exact; {@code viewerLast} is the viewer count of the latest (ts, event id),
 * the order Spark's {@code max_by} over {@code struct(ts, event_id)} uses.
 */
public final class PaneAggregate implements Serializable {

  private static final long serialVersionUID = 1L;

  private long eventCount;
  private long sentimentCount;
  private double sentimentSum;
  private long positiveCount;
  private long neutralCount;
  private long negativeCount;
  private long viewerSum;
  private Long viewerMin;
  private Long viewerMax;
  private Long viewerLast;
  private long viewerLastTs;
  private String viewerLastEventId;
  private String amountSum;

  /** Adds one event row ({@link PaneInput}'s columns) of this pane's kind. */
  void add(Row event) {
    eventCount++;
    if (!event.isNullAt(PaneInput.SENTIMENT)) {
      sentimentCount++;
      sentimentSum += event.getDouble(PaneInput.SENTIMENT);
    }
    if (!event.isNullAt(PaneInput.SENTIMENT_LABEL)) {
      int label = event.getInt(PaneInput.SENTIMENT_LABEL);
      if (label == SentimentLabel.POSITIVE.ordinal()) {
        positiveCount++;
      } else if (label == SentimentLabel.NEUTRAL.ordinal()) {
        neutralCount++;
      } else if (label == SentimentLabel.NEGATIVE.ordinal()) {
        negativeCount++;
      }
    }
    if (!event.isNullAt(PaneInput.VIEWER_COUNT)) {
      long viewers = event.getLong(PaneInput.VIEWER_COUNT);
      viewerSum += viewers;
      viewerMin = viewerMin == null ? viewers : Math.min(viewerMin, viewers);
      viewerMax = viewerMax == null ? viewers : Math.max(viewerMax, viewers);
      long ts = micros(event.getTimestamp(PaneInput.TS));
      String eventId = event.getString(PaneInput.EVENT_ID);
      if (viewerLast == null || isLater(ts, eventId, viewerLastTs, viewerLastEventId)) {
        viewerLast = viewers;
        viewerLastTs = ts;
        viewerLastEventId = eventId;
      }
    }
    if (!event.isNullAt(PaneInput.AMOUNT)) {
      addAmount(event.getDecimal(PaneInput.AMOUNT));
    }
  }

  /** Adds another pane's aggregate (of the same stream, kind and currency). */
  void merge(PaneAggregate other) {
    eventCount += other.eventCount;
    sentimentCount += other.sentimentCount;
    sentimentSum += other.sentimentSum;
    positiveCount += other.positiveCount;
    neutralCount += other.neutralCount;
    negativeCount += other.negativeCount;
    viewerSum += other.viewerSum;
    if (other.viewerMin != null) {
      viewerMin = viewerMin == null ? other.viewerMin : Math.min(viewerMin, other.viewerMin);
      viewerMax = viewerMax == null ? other.viewerMax : Math.max(viewerMax, other.viewerMax);
    }
    if (other.viewerLast != null
        && (viewerLast == null
            || isLater(
                other.viewerLastTs, other.viewerLastEventId, viewerLastTs, viewerLastEventId))) {
      viewerLast = other.viewerLast;
      viewerLastTs = other.viewerLastTs;
      viewerLastEventId = other.viewerLastEventId;
    }
    if (other.amountSum != null) {
      addAmount(new BigDecimal(other.amountSum));
    }
  }

  Double sentiment() {
    return sentimentCount == 0 ? null : sentimentSum;
  }

  Long viewers() {
    return viewerMin == null ? null : viewerSum;
  }

  BigDecimal amount() {
    return amountSum == null ? null : new BigDecimal(amountSum);
  }

  private void addAmount(BigDecimal amount) {
    amountSum =
        (amountSum == null ? amount : new BigDecimal(amountSum).add(amount)).toPlainString();
  }

  /** Spark's struct order: ts first, then the event id as UTF-8 bytes. */
  private static boolean isLater(long ts, String eventId, long thanTs, String thanEventId) {
    if (ts != thanTs) {
      return ts > thanTs;
    }
    if (eventId == null || thanEventId == null) {
      return thanEventId == null && eventId != null;
    }
    return UTF8String.fromString(eventId).compareTo(UTF8String.fromString(thanEventId)) > 0;
  }

  static long micros(Timestamp ts) {
    return Math.floorDiv(ts.getTime(), 1000L) * 1_000_000L + ts.getNanos() / 1000;
  }

  // Bean accessors for Spark's encoder.

  public long getEventCount() {
    return eventCount;
  }

  public void setEventCount(long eventCount) {
    this.eventCount = eventCount;
  }

  public long getSentimentCount() {
    return sentimentCount;
  }

  public void setSentimentCount(long sentimentCount) {
    this.sentimentCount = sentimentCount;
  }

  public double getSentimentSum() {
    return sentimentSum;
  }

  public void setSentimentSum(double sentimentSum) {
    this.sentimentSum = sentimentSum;
  }

  public long getPositiveCount() {
    return positiveCount;
  }

  public void setPositiveCount(long positiveCount) {
    this.positiveCount = positiveCount;
  }

  public long getNeutralCount() {
    return neutralCount;
  }

  public void setNeutralCount(long neutralCount) {
    this.neutralCount = neutralCount;
  }

  public long getNegativeCount() {
    return negativeCount;
  }

  public void setNegativeCount(long negativeCount) {
    this.negativeCount = negativeCount;
  }

  public long getViewerSum() {
    return viewerSum;
  }

  public void setViewerSum(long viewerSum) {
    this.viewerSum = viewerSum;
  }

  public Long getViewerMin() {
    return viewerMin;
  }

  public void setViewerMin(Long viewerMin) {
    this.viewerMin = viewerMin;
  }

  public Long getViewerMax() {
    return viewerMax;
  }

  public void setViewerMax(Long viewerMax) {
    this.viewerMax = viewerMax;
  }

  public Long getViewerLast() {
    return viewerLast;
  }

  public void setViewerLast(Long viewerLast) {
    this.viewerLast = viewerLast;
  }

  public long getViewerLastTs() {
    return viewerLastTs;
  }

  public void setViewerLastTs(long viewerLastTs) {
    this.viewerLastTs = viewerLastTs;
  }

  public String getViewerLastEventId() {
    return viewerLastEventId;
  }

  public void setViewerLastEventId(String viewerLastEventId) {
    this.viewerLastEventId = viewerLastEventId;
  }

  public String getAmountSum() {
    return amountSum;
  }

  public void setAmountSum(String amountSum) {
    this.amountSum = amountSum;
  }
}
