package io.telemetra.producer;

import io.telemetra.events.ChatEvent;
import io.telemetra.events.Event;
import io.telemetra.events.EventCodec;
import io.telemetra.events.StreamMetaEvent;
import io.telemetra.events.StreamStatus;
import io.telemetra.events.TransactionEvent;
import io.telemetra.events.ViewerEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates the records of simulated live streams, deterministically: the same settings (seed
 * included) give byte-identical records. Record {@code i} happens at event time {@code start + i /
 * rate}; it is a chat message, a payment, a viewer sample or a stream going online or offline,
 * drawn from the streams' current activity, or one of the deliberate faults the settings ask for
 * (malformed, duplicate, swapped, late). Not thread-safe.
 */
public final class EventGenerator {

  /** How many recent valid records a duplicate may repeat. */
  private static final int DUPLICATE_MEMORY = 512;

  /** Median viewers of a stream; across streams the audience is log-logistic around it. */
  private static final double MEDIAN_VIEWERS = 400;

  /**
   * Shape of the log-logistic audience distribution: a power-law tail, so streams are orders of
   * magnitude apart (8 streams span ~100x, 100 streams ~10,000x).
   */
  private static final double AUDIENCE_SHAPE = 1.1;

  /** Cap on a stream's typical audience. */
  private static final double MAX_BASE_VIEWERS = 3_000_000;

  /** Payments per chat message at the same audience, roughly. */
  private static final double PAYMENTS_PER_CHAT = 1.0 / 60;

  private final GeneratorSettings settings;
  private final SplittableRandom random;
  private final EventCodec codec = new EventCodec(Clock.systemUTC());
  private final MalformedRecords malformed;
  private final List<LiveStream> streams;
  private final double secondsPerRecord;
  private final double viewerSampleSeconds;
  private final long startMillis;

  private final ArrayDeque<Event> scheduled = new ArrayDeque<>();
  private final double[] nextViewerSample;
  private final double[] chatCumulative;
  private final double[] paymentCumulative;
  private double chatTotal;
  private double paymentTotal;
  private long nextTick = 1;

  private final GeneratedRecord[] recent = new GeneratedRecord[DUPLICATE_MEMORY];
  private int recentCount;
  private int recentNext;
  private GeneratedRecord heldBack;
  private long index;

  public EventGenerator(GeneratorSettings settings) {
    this.settings = settings;
    this.random = new SplittableRandom(settings.seed());
    this.malformed = new MalformedRecords(codec);
    this.secondsPerRecord = 1 / settings.ratePerSecond();
    this.startMillis = settings.eventTimeStart().toEpochMilli();
    // Viewer samples every 5 s per live stream, but never more than a quarter of all records.
    this.viewerSampleSeconds = Math.max(5, 4.0 * settings.streams() / settings.ratePerSecond());
    int n = settings.streams();
    this.streams = new ArrayList<>(n);
    this.nextViewerSample = new double[n];
    this.chatCumulative = new double[n];
    this.paymentCumulative = new double[n];
    double[] audiences = audienceSizes(n);
    boolean anyOnline = false;
    for (int i = 0; i < n; i++) {
      boolean online = random.nextDouble() < 0.75 || (i == n - 1 && !anyOnline);
      anyOnline |= online;
      LiveStream stream = new LiveStream(i + 1, audiences[i], online, random);
      streams.add(stream);
      scheduled.add(meta(stream));
      if (online) {
        scheduled.add(viewerSample(stream));
      }
      nextViewerSample[i] = viewerSampleSeconds;
    }
    reweigh();
  }

  public GeneratorSettings settings() {
    return settings;
  }

  /** The next record. */
  public GeneratedRecord next() {
    if (heldBack != null) {
      GeneratedRecord record = heldBack;
      heldBack = null;
      index++;
      return record;
    }
    long slot = index++;
    double roll = random.nextDouble();
    if (roll < settings.malformedFraction()) {
      return malformedRecord(slot);
    }
    if (roll < settings.malformedFraction() + settings.duplicateFraction() && recentCount > 0) {
      GeneratedRecord original = recent[random.nextInt(recentCount)];
      return new GeneratedRecord(
          original.type(), original.key(), original.value(), original.event(), null, true);
    }
    GeneratedRecord record = validRecord(slot);
    if (settings.outOfOrderFraction() > 0 && random.nextDouble() < settings.outOfOrderFraction()) {
      // Swap with the successor: the later event goes first.
      heldBack = record;
      return validRecord(slot + 1);
    }
    return record;
  }

  /** How many records {@link #next()} has returned. */
  public long generated() {
    return index;
  }

  /** The event time of record number {@code slot} (0-based). */
  public Instant eventTimeOf(long slot) {
    // Divide rather than multiply by the reciprocal, so whole-millisecond steps stay exact.
    return Instant.ofEpochMilli(
        startMillis + (long) Math.floor(slot * 1000.0 / settings.ratePerSecond() + 1e-6));
  }

  // ---------------------------------------------------------------- valid records

  private GeneratedRecord validRecord(long slot) {
    Instant ts = advanceTo(slot);
    if (settings.lateFraction() > 0 && random.nextDouble() < settings.lateFraction()) {
      ts = ts.minus(settings.lateBy());
    }
    Event event = nextEvent(ts);
    GeneratedRecord record =
        new GeneratedRecord(
            event.type(), event.streamId(), codec.encode(event), event, null, false);
    recent[recentNext] = record;
    recentNext = (recentNext + 1) % DUPLICATE_MEMORY;
    recentCount = Math.min(recentCount + 1, DUPLICATE_MEMORY);
    return record;
  }

  private Event nextEvent(Instant ts) {
    Event due = scheduled.poll();
    if (due != null) {
      return at(due, ts);
    }
    double roll = random.nextDouble() * (chatTotal + paymentTotal);
    return roll < chatTotal ? chat(ts) : payment(ts);
  }

  private ChatEvent chat(Instant ts) {
    LiveStream stream = pick(chatCumulative, chatTotal);
    long user = chatter(stream);
    ChatVocabulary.Line line =
        ChatVocabulary.line(random, mood(stream), stream.excitement, stream.raidActive());
    return new ChatEvent(
        eventId(),
        stream.streamId,
        ts,
        userId(user),
        username(user),
        line.message(),
        line.emotes());
  }

  private TransactionEvent payment(Instant ts) {
    LiveStream stream = pick(paymentCumulative, paymentTotal);
    Payments.Payment payment = Payments.next(random, stream.raidActive(), stream.hypeActive());
    return new TransactionEvent(
        eventId(),
        stream.streamId,
        ts,
        userId(chatter(stream)),
        payment.type(),
        payment.amount(),
        payment.currency());
  }

  private ChatVocabulary.Mood mood(LiveStream stream) {
    double positive = 0.35;
    double negative = 0.15;
    if (stream.hypeNegative()) {
      positive = 0.1;
      negative = 0.65;
    } else if (stream.hypeActive() || stream.raidActive()) {
      positive = 0.65;
      negative = 0.05;
    }
    double roll = random.nextDouble();
    if (roll < positive) {
      return ChatVocabulary.Mood.POSITIVE;
    }
    return roll < positive + negative ? ChatVocabulary.Mood.NEGATIVE : ChatVocabulary.Mood.NEUTRAL;
  }

  /** A chatter of the stream: a pool that grows with the audience, a few very active members. */
  private long chatter(LiveStream stream) {
    long pool = Math.max(10, stream.viewers * 2 / 5);
    long member = (long) (pool * Math.pow(random.nextDouble(), 2.2));
    return Math.floorMod(stream.index * 7_368_787L + member * 2_654_435_761L, 100_000_000L);
  }

  private static String userId(long user) {
    return "u" + user;
  }

  private static String username(long user) {
    return LiveStream.username(user);
  }

  private String eventId() {
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }

  // ---------------------------------------------------------------- the simulation clock

  private Instant advanceTo(long slot) {
    double seconds = slot * secondsPerRecord;
    while (nextTick <= seconds) {
      tick(nextTick);
      nextTick += LiveStream.TICK_SECONDS;
    }
    return eventTimeOf(slot);
  }

  private void tick(long second) {
    int online = 0;
    for (LiveStream stream : streams) {
      online += stream.online ? 1 : 0;
    }
    for (int i = 0; i < streams.size(); i++) {
      LiveStream stream = streams.get(i);
      boolean wasOnline = stream.online;
      LiveStream.Change change = stream.tick(random, online > 1);
      switch (change) {
        case WENT_ONLINE -> {
          online++;
          scheduled.add(meta(stream));
          scheduled.add(viewerSample(stream));
          nextViewerSample[i] = second + viewerSampleSeconds;
        }
        case WENT_OFFLINE -> {
          online--;
          scheduled.add(viewerSample(stream));
          scheduled.add(meta(stream));
        }
        case RETITLED -> scheduled.add(meta(stream));
        default -> {}
      }
      if (wasOnline && stream.online && nextViewerSample[i] <= second) {
        scheduled.add(viewerSample(stream));
        nextViewerSample[i] += viewerSampleSeconds;
      }
    }
    reweigh();
  }

  private void reweigh() {
    chatTotal = 0;
    paymentTotal = 0;
    for (int i = 0; i < streams.size(); i++) {
      chatTotal += streams.get(i).chatWeight();
      paymentTotal += streams.get(i).paymentWeight() * PAYMENTS_PER_CHAT;
      chatCumulative[i] = chatTotal;
      paymentCumulative[i] = paymentTotal;
    }
  }

  private LiveStream pick(double[] cumulative, double total) {
    double target = random.nextDouble() * total;
    int at = Arrays.binarySearch(cumulative, target);
    int i = at >= 0 ? at + 1 : -at - 1;
    // Skip zero-weight (offline) streams that share the cumulative value.
    while (i < cumulative.length - 1 && cumulative[i] <= target) {
      i++;
    }
    return streams.get(Math.min(i, cumulative.length - 1));
  }

  /**
   * Audience sizes: evenly spaced quantiles of a log-logistic distribution around {@link
   * #MEDIAN_VIEWERS}, with some noise, shuffled across streams: a few streams are huge, most small.
   */
  private double[] audienceSizes(int n) {
    double[] sizes = new double[n];
    for (int i = 0; i < n; i++) {
      double p = (i + 0.5) / n;
      double noise = Math.exp(0.15 * random.nextGaussian());
      double size = MEDIAN_VIEWERS * Math.pow(p / (1 - p), 1 / AUDIENCE_SHAPE) * noise;
      // Even with 100,000 streams the biggest stays below the largest audiences ever seen live.
      sizes[i] = Math.min(MAX_BASE_VIEWERS, Math.max(3, size));
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      double swap = sizes[i];
      sizes[i] = sizes[j];
      sizes[j] = swap;
    }
    return sizes;
  }

  // ---------------------------------------------------------------- scheduled events

  private StreamMetaEvent meta(LiveStream stream) {
    return new StreamMetaEvent(
        "",
        stream.streamId,
        Instant.EPOCH,
        stream.online ? StreamStatus.ONLINE : StreamStatus.OFFLINE,
        stream.title,
        stream.category,
        stream.streamer);
  }

  private ViewerEvent viewerSample(LiveStream stream) {
    return new ViewerEvent("", stream.streamId, Instant.EPOCH, stream.viewers);
  }

  /** A scheduled event, stamped with its id and time when it is emitted. */
  private Event at(Event due, Instant ts) {
    if (due instanceof ViewerEvent v) {
      return new ViewerEvent(eventId(), v.streamId(), ts, v.viewerCount());
    }
    StreamMetaEvent m = (StreamMetaEvent) due;
    return new StreamMetaEvent(
        eventId(), m.streamId(), ts, m.status(), m.title(), m.category(), m.streamer());
  }

  // ---------------------------------------------------------------- faults

  private GeneratedRecord malformedRecord(long slot) {
    Instant ts = advanceTo(slot);
    MalformedRecords.Fault fault = malformed.pickFault(random);
    Event base =
        switch (fault.type()) {
          case CHAT -> chat(ts);
          case TRANSACTION -> payment(ts);
          case VIEWER -> {
            LiveStream stream = pick(chatCumulative, chatTotal);
            yield new ViewerEvent(eventId(), stream.streamId, ts, stream.viewers);
          }
          case STREAM_META -> at(meta(pick(chatCumulative, chatTotal)), ts);
        };
    return malformed.corrupt(fault, base, random);
  }
}
