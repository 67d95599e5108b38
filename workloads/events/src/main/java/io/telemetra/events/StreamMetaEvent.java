package io.telemetra.events;

import java.time.Instant;

/** A stream went online or offline, or its title or category changed. */
public record StreamMetaEvent(
    String eventId,
    String streamId,
    Instant ts,
    StreamStatus status,
    String title,
    String category,
    String streamer)
    implements Event {

  @Override
  public EventType type() {
    return EventType.STREAM_META;
  }
}
