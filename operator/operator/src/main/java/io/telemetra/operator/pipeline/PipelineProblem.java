package io.telemetra.operator.pipeline;

import io.telemetra.operator.status.Reason;

/** A pipeline cannot be reconciled for a reason the user can act on; carries a precise reason. */
public class PipelineProblem extends RuntimeException {

  private final Reason reason;

  public PipelineProblem(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public PipelineProblem(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
