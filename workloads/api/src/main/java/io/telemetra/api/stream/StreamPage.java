package io.telemetra.api.stream;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One page of streams, ordered by stream id, and how many match in total. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record StreamPage(List<Stream> items, int page, int size, long total) {}
