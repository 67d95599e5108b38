package io.telemetra.operator.status;

/** The observed state of one part of a pipeline, as it becomes a condition. */
public record PartState(String type, boolean ready, Reason reason, String message) {

  public static PartState ready(String type, Reason reason, String message) {
    return new PartState(type, true, reason, message);
  }

  public static PartState notReady(String type, Reason reason, String message) {
    return new PartState(type, false, reason, message);
  }

  public boolean failed() {
    return !ready && reason.isFailure();
  }
}
