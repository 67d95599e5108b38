package io.telemetra.api.moment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.telemetra.api.web.ApiException;
import io.telemetra.api.web.Paging;
import io.telemetra.api.web.StreamId;
import io.telemetra.api.web.TimeRange;
import java.time.Instant;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists detected moments, filtered by stream, kind and time. */
@RestController
@RequestMapping("/api/v1/moments")
@Tag(name = "moments")
public class MomentController {

  static final Set<String> KINDS = Set.of("chat_spike", "viewer_spike", "revenue_spike");

  private final MomentRepository moments;

  public MomentController(MomentRepository moments) {
    this.moments = moments;
  }

  @GetMapping
  @Operation(summary = "Moments, newest first")
  public MomentPage list(
      @StreamId.Param @RequestParam(name = "stream_id", required = false) String streamId,
      @Parameter(
              schema = @Schema(allowableValues = {"chat_spike", "viewer_spike", "revenue_spike"}))
          @RequestParam(required = false)
          String kind,
      @Parameter(
              description = "RFC 3339; window_start >= from",
              schema = @Schema(format = "date-time"))
          @RequestParam(required = false)
          String from,
      @Parameter(
              description = "RFC 3339; window_start < to",
              schema = @Schema(format = "date-time"))
          @RequestParam(required = false)
          String to,
      @Paging.PageParam @RequestParam(required = false) String page,
      @Paging.SizeParam @RequestParam(required = false) String size) {
    String stream = streamId == null ? null : StreamId.require("stream_id", streamId);
    if (kind != null && !KINDS.contains(kind)) {
      throw ApiException.invalid("kind", "must be one of chat_spike, viewer_spike, revenue_spike");
    }
    Instant start = TimeRange.optional("from", from);
    Instant end = TimeRange.optional("to", to);
    if (start != null && end != null && !start.isBefore(end)) {
      throw ApiException.invalid("from", "must be before 'to'");
    }
    return moments.page(stream, kind, start, end, Paging.parse(page, size));
  }
}
