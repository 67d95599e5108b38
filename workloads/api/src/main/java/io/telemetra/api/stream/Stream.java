package io.telemetra.api.stream;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import io.telemetra.api.metrics.LatestWindow;
import java.time.Instant;

/**
 * A live stream as the streaming job last saw it, with its newest window (or null). The streams
 * table allows null title, category, streamer and timestamps, so the document says so.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Stream(
    String streamId,
    @Schema(nullable = true) String title,
    @Schema(nullable = true) String category,
    @Schema(nullable = true) String streamer,
    @Schema(allowableValues = {"online", "offline"}) String status,
    @Schema(nullable = true) Instant statusChangedAt,
    @Schema(nullable = true) Instant lastEventAt,
    @Schema(nullable = true, description = "the newest window; null before the first")
        LatestWindow latest) {

  /** The same stream with its newest window. */
  public Stream withLatest(LatestWindow window) {
    return new Stream(
        streamId, title, category, streamer, status, statusChangedAt, lastEventAt, window);
  }
}
