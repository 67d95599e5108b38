package io.telemetra.api.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * One window's aggregates: chat (counts, rate, sentiment), viewers and revenue per currency. Chat
 * counts are 0 when the window had no chat; viewer fields are null when it had no sample.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricsPoint(
    Instant windowStart,
    Instant windowEnd,
    long chatCount,
    @Schema(description = "chat messages per minute over the window") double chatRatePerMin,
    long uniqueChatters,
    @Schema(nullable = true, description = "mean sentiment in [-1, 1]") Double sentimentMean,
    long positiveCount,
    long neutralCount,
    long negativeCount,
    @Schema(nullable = true) Double avgViewers,
    @Schema(nullable = true) Long minViewers,
    @Schema(nullable = true) Long maxViewers,
    @Schema(nullable = true) Long lastViewers,
    List<Revenue> revenue) {}
