package io.telemetra.api.stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.telemetra.api.cache.CachedReads;
import io.telemetra.api.web.ApiException;
import io.telemetra.api.web.Paging;
import io.telemetra.api.web.StreamId;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists streams and shows one stream. */
@RestController
@RequestMapping("/api/v1/streams")
@Tag(name = "streams")
public class StreamController {

  private final CachedReads reads;
  private final StreamRepository streams;

  public StreamController(CachedReads reads, StreamRepository streams) {
    this.reads = reads;
    this.streams = streams;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Streams ordered by id, each with its newest window (cached)")
  @ApiResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = StreamPage.class)))
  public ResponseEntity<String> list(
      @Paging.PageParam @RequestParam(required = false) String page,
      @Paging.SizeParam @RequestParam(required = false) String size,
      @Parameter(
              description = "only streams with this status",
              schema = @Schema(allowableValues = {"online", "offline"}))
          @RequestParam(required = false)
          String status) {
    if (status != null && !status.equals("online") && !status.equals("offline")) {
      throw ApiException.invalid("status", "must be online or offline");
    }
    return json(reads.streamPage(status, Paging.parse(page, size)));
  }

  @GetMapping("/{streamId}")
  @Operation(summary = "One stream with its newest window")
  public Stream one(@StreamId.Param @PathVariable String streamId) {
    String id = StreamId.require("streamId", streamId);
    return streams.find(id).orElseThrow(() -> ApiException.unknownStream(id));
  }

  static ResponseEntity<String> json(String body) {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
  }
}
