package io.telemetra.api.metrics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.telemetra.api.cache.CachedReads;
import io.telemetra.api.revenue.TransactionRepository;
import io.telemetra.api.revenue.TransactionSummary;
import io.telemetra.api.web.ApiException;
import io.telemetra.api.web.StreamId;
import io.telemetra.api.web.TimeRange;
import java.time.Clock;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A stream's windows: the newest (cached), a time range of them, and its revenue summary. */
@RestController
@RequestMapping("/api/v1/streams/{streamId}")
@Tag(name = "metrics")
public class MetricsController {

  private final CachedReads reads;
  private final WindowRepository windows;
  private final TransactionRepository transactions;
  private final Clock clock;

  public MetricsController(
      CachedReads reads,
      WindowRepository windows,
      TransactionRepository transactions,
      Clock clock) {
    this.reads = reads;
    this.windows = windows;
    this.transactions = transactions;
    this.clock = clock;
  }

  @GetMapping(value = "/live", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The stream's newest window (cached)")
  @ApiResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = LatestWindow.class)))
  public ResponseEntity<String> live(@StreamId.Param @PathVariable String streamId) {
    String body = reads.liveWindow(StreamId.require("streamId", streamId));
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }

  @GetMapping("/metrics")
  @Operation(summary = "The stream's windows starting in [from, to), oldest first")
  public MetricsSeries metrics(
      @StreamId.Param @PathVariable String streamId,
      @TimeRange.FromParam @RequestParam(required = false) String from,
      @TimeRange.ToParam @RequestParam(required = false) String to) {
    String id = StreamId.require("streamId", streamId);
    TimeRange range = TimeRange.parse(from, to, clock);
    List<MetricsPoint> points = windows.range(id, range.from(), range.to());
    if (points.isEmpty() && !windows.isKnown(id)) {
      throw ApiException.unknownStream(id);
    }
    return new MetricsSeries(id, range.from(), range.to(), points);
  }

  @GetMapping("/transactions/summary")
  @Operation(summary = "The stream's transactions with ts in [from, to), summed")
  public TransactionSummary transactionSummary(
      @StreamId.Param @PathVariable String streamId,
      @TimeRange.FromParam @RequestParam(required = false) String from,
      @TimeRange.ToParam @RequestParam(required = false) String to) {
    String id = StreamId.require("streamId", streamId);
    TimeRange range = TimeRange.parse(from, to, clock);
    TransactionSummary summary = transactions.summary(id, range.from(), range.to());
    if (summary.byCurrency().isEmpty() && !windows.isKnown(id)) {
      throw ApiException.unknownStream(id);
    }
    return summary;
  }
}
