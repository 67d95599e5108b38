package io.telemetra.local;

import java.time.Duration;

/** A part of the local pipeline that is running and can be stopped: a process or a server. */
public interface RunningPart {

  /** What the part is, as users read it ("Kafka broker", "streaming job"). */
  String name();

  /** Whether it is still running. */
  boolean isAlive();

  /** Process ids this part owns (for checks that nothing is left behind); may be empty. */
  default java.util.List<Long> pids() {
    return java.util.List.of();
  }

  /** Stops it, waiting at most {@code grace} before forcing it. */
  void stop(Duration grace);

  /** Where its output goes, if anywhere. */
  default java.util.Optional<java.nio.file.Path> logFile() {
    return java.util.Optional.empty();
  }
}
