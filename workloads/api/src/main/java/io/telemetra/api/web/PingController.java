package io.telemetra.api.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cheapest authenticated call: checks the token and connectivity, touches no data. */
@RestController
@Tag(name = "ping")
public class PingController {

  private static final String PONG = "{\"status\":\"ok\"}";

  /** The body {@link #ping} sends, written out once; declared for the OpenAPI document. */
  record Pong(@Schema(allowableValues = "ok") String status) {}

  @GetMapping(value = "/api/v1/ping", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Checks the token; touches no data")
  @ApiResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = Pong.class)))
  @TouchesNoData
  public ResponseEntity<String> ping() {
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(PONG);
  }
}
