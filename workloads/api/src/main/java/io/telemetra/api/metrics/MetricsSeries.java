package io.telemetra.api.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** A stream's windows starting in [from, to), oldest first. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MetricsSeries(String streamId, Instant from, Instant to, List<MetricsPoint> points) {}
