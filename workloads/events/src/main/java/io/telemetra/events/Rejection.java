package io.telemetra.events;

/**
 * Why one record was rejected: the reason code, the field concerned (empty when the problem is the
 * whole record) and a human-readable detail. The detail never repeats a field's full value.
 */
public record Rejection(RejectionReason reason, String field, String detail) {

  public Rejection {
    field = field == null ? "" : field;
  }

  /** {@code REASON field: detail}, the form used in logs and the dead-letter topic. */
  @Override
  public String toString() {
    return reason + (field.isEmpty() ? "" : " " + field) + ": " + detail;
  }
}
