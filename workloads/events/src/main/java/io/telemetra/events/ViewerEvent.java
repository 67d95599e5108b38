package io.telemetra.events;

import java.time.Instant;

/** A sample of a stream's concurrent viewer count. */
public record ViewerEvent(String eventId, String streamId, Instant ts, long viewerCount)
    implements Event {

  @Override
  public EventType type() {
    return EventType.VIEWER;
  }
}
