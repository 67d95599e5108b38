package io.telemetra.events;

import java.util.Arrays;
import java.util.Optional;

/** The four kinds of event, each on its own topic. */
public enum EventType {
  CHAT("chat"),
  VIEWER("viewer"),
  TRANSACTION("transactions"),
  STREAM_META("stream_meta");

  private final String topicSuffix;

  EventType(String topicSuffix) {
    this.topicSuffix = topicSuffix;
  }

  /** The last segment of the topic name, e.g. {@code chat} in {@code telemetra.events.chat}. */
  public String topicSuffix() {
    return topicSuffix;
  }

  public static Optional<EventType> fromTopicSuffix(String suffix) {
    return Arrays.stream(values()).filter(t -> t.topicSuffix.equals(suffix)).findFirst();
  }
}
