package io.telemetra.api.moment;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One page of moments, newest first, and how many match in total. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MomentPage(List<Moment> items, int page, int size, long total) {}
