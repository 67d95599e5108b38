package io.telemetra.events;

/** The outcome of decoding one record: an accepted event or a rejection. */
public sealed interface Decoded {

  record Accepted(Event event) implements Decoded {}

  record Rejected(Rejection rejection) implements Decoded {}

  default boolean isAccepted() {
    return this instanceof Accepted;
  }
}
