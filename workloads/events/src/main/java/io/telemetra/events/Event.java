package io.telemetra.events;

import java.time.Instant;

/** One event of the contract. Every event names the stream it belongs to; that is its Kafka key. */
public sealed interface Event permits ChatEvent, ViewerEvent, TransactionEvent, StreamMetaEvent {

  /** Unique per event; a re-delivery carries the same id and is counted once. */
  String eventId();

  String streamId();

  /** Event time (when it happened), not when it was received. */
  Instant ts();

  EventType type();
}
