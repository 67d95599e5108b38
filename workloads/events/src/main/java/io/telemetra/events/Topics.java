package io.telemetra.events;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Topic names for one pipeline: {@code <prefix>.chat}, {@code .viewer}, {@code .transactions},
 * {@code .stream_meta} and the dead-letter topic {@code <prefix>.dlq}. The default prefix is
 * {@value #DEFAULT_PREFIX}.
 */
public record Topics(String prefix) {

  public static final String DEFAULT_PREFIX = "telemetra.events";

  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

  public Topics {
    if (prefix == null || !LEGAL.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "Topic prefix must be 1-200 characters of letters, digits, '.', '_' or '-': " + prefix);
    }
  }

  public static Topics defaults() {
    return new Topics(DEFAULT_PREFIX);
  }

  public String of(EventType type) {
    return prefix + "." + type.topicSuffix();
  }

  public String deadLetter() {
    return prefix + ".dlq";
  }

  /** The four event topics, in {@link EventType} order. */
  public List<String> eventTopics() {
    return java.util.Arrays.stream(EventType.values()).map(this::of).toList();
  }

  /** The event topics and the dead-letter topic. */
  public List<String> all() {
    var all = new java.util.ArrayList<>(eventTopics());
    all.add(deadLetter());
    return List.copyOf(all);
  }

  /** The event type carried by {@code topic}, if it is one of this pipeline's event topics. */
  public Optional<EventType> typeOf(String topic) {
    if (topic == null || !topic.startsWith(prefix + ".")) {
      return Optional.empty();
    }
    return EventType.fromTopicSuffix(topic.substring(prefix.length() + 1));
  }
}
