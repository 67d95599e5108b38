package io.telemetra.events;

import java.util.Arrays;
import java.util.Optional;

/** Whether a stream is live. Wire names are lower case. */
public enum StreamStatus {
  ONLINE,
  OFFLINE;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<StreamStatus> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
  }
}
