package io.telemetra.events;

import java.util.Arrays;
import java.util.Optional;

/** What a viewer paid for. Wire names are lower case. */
public enum TransactionType {
  TIP,
  SUBSCRIPTION,
  BITS,
  GIFT;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Optional<TransactionType> fromWireName(String name) {
    return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
  }
}
