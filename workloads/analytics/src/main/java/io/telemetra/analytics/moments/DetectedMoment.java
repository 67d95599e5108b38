package io.telemetra.analytics.moments;

import java.time.Instant;

/**
 * A window whose metric stood out: one row of the moments table.
 *
 * @param currency the currency of a revenue spike, else null
 */
public record DetectedMoment(
    String streamId,
    Instant windowStart,
    Instant windowEnd,
    MomentKind kind,
    double score,
    double value,
    double baselineMean,
    double baselineStddev,
    int historyWindows,
    String currency) {}
