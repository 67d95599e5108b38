package io.telemetra.api.revenue;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;
import io.telemetra.api.metrics.Revenue;
import java.time.Instant;
import java.util.List;

/** A stream's transactions with ts in [from, to), summed per currency and per type+currency. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransactionSummary(
    String streamId, Instant from, Instant to, List<Revenue> byCurrency, List<ByType> byType) {

  /** Revenue of one transaction type in one currency. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record ByType(
      @Schema(allowableValues = {"tip", "subscription", "bits", "gift"}) String type,
      String currency,
      long transactionCount,
      @Schema(type = "string", example = "\"12.50\"") String amountSum) {}
}
