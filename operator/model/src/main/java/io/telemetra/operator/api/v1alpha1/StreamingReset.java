package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * A requested checkpoint reset: the job starts a new checkpoint under {@code
 * <checkpointLocation>/resets/<nonce>} and reads Kafka from the starting position. The old
 * checkpoint is kept, untouched.
 */
@ValidationRule(
    value = "self.startingPosition != 'timestamp' || has(self.startingTimestamp)",
    message = "spec.streaming.reset.startingPosition timestamp needs startingTimestamp",
    fieldPath = ".startingTimestamp")
@ValidationRule(
    value = "self.startingPosition == 'timestamp' || !has(self.startingTimestamp)",
    message = "spec.streaming.reset.startingTimestamp is only read with startingPosition timestamp",
    fieldPath = ".startingTimestamp")
@ValidationRule(
    value = "!has(self.startingTimestamp) || timestamp(self.startingTimestamp) > timestamp(0)",
    message = "spec.streaming.reset.startingTimestamp must be an RFC 3339 time after 1970",
    fieldPath = ".startingTimestamp")
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StreamingReset {

  /** Where the new checkpoint starts reading the event topics. */
  public enum StartingPosition {
    earliest,
    latest,
    timestamp
  }

  @Required
  @Size(min = 1, max = 40)
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "Names the reset; a new value resets again. The new checkpoint lives at"
          + " <checkpointLocation>/resets/<nonce>; lowercase letters, digits and '-'.")
  private String nonce;

  @Default("earliest")
  @JsonPropertyDescription(
      "Where the new checkpoint starts reading the event topics: earliest (every retained event),"
          + " latest (only new events) or timestamp (records from startingTimestamp on).")
  private StartingPosition startingPosition = StartingPosition.earliest;

  @JsonPropertyDescription(
      "RFC 3339 time, e.g. 2026-12-05T10:00:00Z: with startingPosition timestamp, the first"
          + " records read are those whose Kafka timestamp is at or after it.")
  @Pattern("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$")
  private String startingTimestamp;

  public String getNonce() {
    return nonce;
  }

  public void setNonce(String nonce) {
    this.nonce = nonce;
  }

  public StartingPosition getStartingPosition() {
    return startingPosition;
  }

  public void setStartingPosition(StartingPosition startingPosition) {
    this.startingPosition = startingPosition;
  }

  public String getStartingTimestamp() {
    return startingTimestamp;
  }

  public void setStartingTimestamp(String startingTimestamp) {
    this.startingTimestamp = startingTimestamp;
  }
}
