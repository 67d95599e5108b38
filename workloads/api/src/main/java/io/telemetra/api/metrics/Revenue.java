package io.telemetra.api.metrics;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.media.Schema;

/** Revenue in one currency: how many transactions and their exact sum (a decimal string). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Revenue(
    String currency,
    long transactionCount,
    // Quoted: swagger reads an example as JSON, and a bare 12.50 would document a number.
    @Schema(type = "string", example = "\"12.50\"", description = "exact decimal sum")
        String amountSum) {}
