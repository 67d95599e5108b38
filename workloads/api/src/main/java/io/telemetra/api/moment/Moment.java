package io.telemetra.api.moment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A detected anomaly: a window whose metric's z-score against the stream's baseline was high. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Moment(
    String streamId,
    Instant windowStart,
    Instant windowEnd,
    @Schema(allowableValues = {"chat_spike", "viewer_spike", "revenue_spike"}) String kind,
    @Schema(description = "z-score of the value against the baseline") double score,
    @Schema(description = "the window's metric value") double value,
    double baselineMean,
    double baselineStddev,
    Instant detectedAt) {}
