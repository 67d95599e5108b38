package io.telemetra.api.stream;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import io.telemetra.api.metrics.LatestWindow;
import java.time.Instant;

/** A live stream as the streaming job last saw it, with its newest window (or null). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Stream(
    String streamId,
    String title,
    String category,
    String streamer,
    @Schema(allowableValues = {"online", "offline"}) String status,
    Instant statusChangedAt,
    Instant lastEventAt,
    @Schema(nullable = true) LatestWindow latest) {

  /** The same stream with its newest window. */
  public Stream withLatest(LatestWindow window) {
    return new Stream(
        streamId, title, category, streamer, status, statusChangedAt, lastEventAt, window);
  }
}
