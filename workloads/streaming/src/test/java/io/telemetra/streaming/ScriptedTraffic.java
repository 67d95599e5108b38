package io.telemetra.streaming;

import io.telemetra.events.ChatEvent;
import io.telemetra.events.Event;
import io.telemetra.events.EventCodec;
import io.telemetra.events.EventType;
import io.telemetra.events.RejectionReason;
import io.telemetra.events.StreamMetaEvent;
import io.telemetra.events.StreamStatus;
import io.telemetra.events.Topics;
import io.telemetra.events.TransactionEvent;
import io.telemetra.events.TransactionType;
import io.telemetra.events.ViewerEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic traffic for the integration tests: chat, viewers, transactions in several
 * currencies and stream metadata, with duplicates, out-of-order events (within the watermark), late
 * events (far behind it) and every class of malformed record.
 */
final class ScriptedTraffic {

  static final String[] MESSAGES = {
    "this is great PogChamp",
    "lol",
    "I love this stream <3",
    "what a terrible play",
    "NotLikeThis",
    "gg",
    "hello everyone",
    "boring ResidentSleeper",
    "amazing clutch Kreygasm",
    "not good",
    "ok",
    "hype hype",
    "sad BibleThump",
    "first time here",
    "nice"
  };
  static final String[] CURRENCIES = {"USD", "EUR", "JPY"};

  /** One record to send; {@code event} is null for a malformed record. */
  record Sent(
      String topic,
      byte[] key,
      byte[] value,
      Event event,
      RejectionReason expectedRejection,
      boolean late,
      boolean duplicate) {}

  private final Random random;
  private final Topics topics;
  private final EventCodec codec = EventCodec.withSystemClock();
  private int nextId;

  ScriptedTraffic(long seed, Topics topics) {
    this.random = new Random(seed);
    this.topics = topics;
  }

  /**
   * {@code count} records over {@code streams} streams, event time advancing {@code step} per
   * record from {@code start}.
   */
  List<Sent> generate(
      int count,
      int streams,
      Instant start,
      Duration step,
      double duplicateFraction,
      double outOfOrderFraction,
      double lateFraction,
      double malformedFraction) {
    List<Sent> out = new ArrayList<>();
    List<Sent> pendingDuplicates = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Instant now = start.plus(step.multipliedBy(i));
      String stream = "s-" + random.nextInt(streams);
      double roll = random.nextDouble();
      if (roll < malformedFraction) {
        out.add(malformed(stream, now));
        continue;
      }
      boolean late = random.nextDouble() < lateFraction;
      Instant ts = now;
      if (late) {
        ts = now.minusSeconds(90 + random.nextInt(60));
      } else if (random.nextDouble() < outOfOrderFraction) {
        ts = now.minusMillis(random.nextInt(20_000));
      }
      Event event = event(stream, ts, i);
      Sent sent =
          new Sent(
              topics.of(event.type()),
              stream.getBytes(StandardCharsets.UTF_8),
              codec.encode(event),
              event,
              null,
              late,
              false);
      out.add(sent);
      if (!late && random.nextDouble() < duplicateFraction) {
        pendingDuplicates.add(sent);
      }
      if (!pendingDuplicates.isEmpty() && random.nextInt(5) == 0) {
        Sent d = pendingDuplicates.remove(0);
        out.add(new Sent(d.topic(), d.key(), d.value(), d.event(), null, false, true));
      }
    }
    return out;
  }

  Event event(String stream, Instant ts, int i) {
    String id = "e-" + (nextId++);
    int kind = random.nextInt(100);
    if (kind < 65) {
      String msg = MESSAGES[random.nextInt(MESSAGES.length)];
      List<String> emotes = new ArrayList<>();
      for (String word : msg.split(" ")) {
        if (Character.isUpperCase(word.charAt(0)) && word.length() > 3 || word.equals("<3")) {
          emotes.add(word);
        }
      }
      String user = "u-" + random.nextInt(40);
      return new ChatEvent(id, stream, ts, user, user, msg, emotes);
    }
    if (kind < 85) {
      return new ViewerEvent(id, stream, ts, 1000 + random.nextInt(500));
    }
    if (kind < 98) {
      BigDecimal amount = BigDecimal.valueOf(random.nextInt(100_000), 2 + random.nextInt(3));
      return new TransactionEvent(
          id,
          stream,
          ts,
          "u-" + random.nextInt(40),
          TransactionType.values()[random.nextInt(4)],
          amount,
          CURRENCIES[random.nextInt(CURRENCIES.length)]);
    }
    return new StreamMetaEvent(
        id,
        stream,
        ts,
        random.nextBoolean() ? StreamStatus.ONLINE : StreamStatus.OFFLINE,
        "title " + i,
        "category " + random.nextInt(3),
        "streamer of " + stream);
  }

  /** One malformed record of a class chosen in turn. */
  Sent malformed(String stream, Instant ts) {
    String id = "bad-" + (nextId++);
    String t = EventCodec.formatTimestamp(ts);
    String base = "\"event_id\":\"" + id + "\",\"stream_id\":\"" + stream + "\"";
    int which = random.nextInt(10);
    String topic = topics.of(EventType.CHAT);
    String json;
    RejectionReason reason;
    switch (which) {
      case 0 -> {
        json = "{not json";
        reason = RejectionReason.INVALID_JSON;
      }
      case 1 -> {
        json = "[1,2,3]";
        reason = RejectionReason.NOT_AN_OBJECT;
      }
      case 2 -> {
        json = "{" + base + ",\"ts\":\"" + t + "\",\"username\":\"x\",\"message\":\"hi\"}";
        reason = RejectionReason.MISSING_FIELD;
      }
      case 3 -> {
        topic = topics.of(EventType.VIEWER);
        json = "{" + base + ",\"ts\":\"" + t + "\",\"viewer_count\":\"many\"}";
        reason = RejectionReason.WRONG_TYPE;
      }
      case 4 -> {
        topic = topics.of(EventType.TRANSACTION);
        json =
            "{"
                + base
                + ",\"ts\":\""
                + t
                + "\",\"user_id\":\"u\",\"type\":\"refund\","
                + "\"amount\":\"1.00\",\"currency\":\"USD\"}";
        reason = RejectionReason.UNKNOWN_ENUM_VALUE;
      }
      case 5 -> {
        topic = topics.of(EventType.VIEWER);
        json = "{" + base + ",\"ts\":\"2999-01-01T00:00:00.000Z\",\"viewer_count\":5}";
        reason = RejectionReason.TIMESTAMP_IN_FUTURE;
      }
      case 6 -> {
        json =
            "{"
                + base
                + ",\"ts\":\"yesterday\",\"user_id\":\"u\",\"username\":\"x\","
                + "\"message\":\"hi\",\"emotes\":[]}";
        reason = RejectionReason.INVALID_TIMESTAMP;
      }
      case 7 -> {
        json =
            "{"
                + base
                + ",\"ts\":\""
                + t
                + "\",\"user_id\":\"u\",\"username\":\"x\","
                + "\"message\":\""
                + "a".repeat(2500)
                + "\",\"emotes\":[]}";
        reason = RejectionReason.MESSAGE_TOO_LONG;
      }
      case 8 -> {
        topic = topics.of(EventType.TRANSACTION);
        json =
            "{"
                + base
                + ",\"ts\":\""
                + t
                + "\",\"user_id\":\"u\",\"type\":\"tip\","
                + "\"amount\":\"-5\",\"currency\":\"USD\"}";
        reason = RejectionReason.OUT_OF_RANGE;
      }
      default -> {
        topic = topics.of(EventType.VIEWER);
        json = "{" + base + ",\"ts\":\"" + t + "\",\"viewer_count\":5,\"schema_version\":9}";
        reason = RejectionReason.UNSUPPORTED_SCHEMA_VERSION;
      }
    }
    return new Sent(
        topic,
        stream.getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8),
        null,
        reason,
        false,
        false);
  }
}
