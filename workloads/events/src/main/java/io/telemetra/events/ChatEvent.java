package io.telemetra.events;

import java.time.Instant;
import java.util.List;

/** A chat message; {@code emotes} lists the emote codes used in it. */
public record ChatEvent(
    String eventId,
    String streamId,
    Instant ts,
    String userId,
    String username,
    String message,
    List<String> emotes)
    implements Event {

  public ChatEvent {
    emotes = List.copyOf(emotes);
  }

  @Override
  public EventType type() {
    return EventType.CHAT;
  }
}
