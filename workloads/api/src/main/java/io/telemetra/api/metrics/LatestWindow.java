package io.telemetra.api.metrics;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A stream's newest window: the stream id plus the window's aggregates. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LatestWindow(String streamId, @JsonUnwrapped MetricsPoint window) {}
