package io.telemetra.operator.pipeline;

import io.telemetra.operator.status.Reason;

/** What a poll of an external system saw: its state, or why the system could not be asked. */
public interface ExternalState {

  /** Why the system could not be asked; null when it answered. */
  Reason problem();

  /** The problem in words; null when it answered. */
  String message();

  default boolean reachable() {
    return problem() == null;
  }
}
