package io.telemetra.events;

import java.math.BigDecimal;
import java.time.Instant;

/** Money a viewer spent on a stream. {@code amount} is exact; {@code currency} is ISO 4217. */
public record TransactionEvent(
    String eventId,
    String streamId,
    Instant ts,
    String userId,
    TransactionType transactionType,
    BigDecimal amount,
    String currency)
    implements Event {

  @Override
  public EventType type() {
    return EventType.TRANSACTION;
  }
}
