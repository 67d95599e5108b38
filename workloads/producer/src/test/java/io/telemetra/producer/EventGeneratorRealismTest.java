package io.telemetra.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.events.ChatEvent;
import io.telemetra.events.Event;
import io.telemetra.events.StreamMetaEvent;
import io.telemetra.events.StreamStatus;
import io.telemetra.events.TransactionEvent;
import io.telemetra.events.TransactionType;
import io.telemetra.events.ViewerEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Does the simulation look like real live streams? Checked on two simulated hours. */
class EventGeneratorRealismTest {

  private static final Instant START = Instant.parse("2026-11-27T18:00:00Z");
  private static final GeneratorSettings HOURS =
      GeneratorSettings.defaults()
          .withSeed(7)
          .withStreams(20)
          .withRatePerSecond(150)
          .withEventTimeStart(START);
  private static final int RECORDS = 150 * 7200;

  private static final List<Event> events = new ArrayList<>(RECORDS);
  private static final Map<String, List<ViewerEvent>> viewersByStream = new HashMap<>();
  private static final Map<String, Integer> chatByStream = new HashMap<>();

  @BeforeAll
  static void simulateTwoHours() {
    EventGenerator generator = new EventGenerator(HOURS);
    for (int i = 0; i < RECORDS; i++) {
      Event event = generator.next().event();
      events.add(event);
      if (event instanceof ViewerEvent v) {
        viewersByStream.computeIfAbsent(v.streamId(), k -> new ArrayList<>()).add(v);
      } else if (event instanceof ChatEvent c) {
        chatByStream.merge(c.streamId(), 1, Integer::sum);
      }
    }
  }

  @Test
  void streamAudiencesDifferByOrdersOfMagnitude() {
    List<Double> peaks =
        viewersByStream.values().stream()
            .map(samples -> samples.stream().mapToLong(ViewerEvent::viewerCount).max().orElse(0))
            .map(Long::doubleValue)
            .sorted()
            .toList();

    assertThat(peaks).hasSize(20);
    assertThat(peaks.get(19) / Math.max(1, peaks.get(0))).isGreaterThan(100);
  }

  @Test
  void chatTracksTheAudience() {
    List<double[]> pairs = new ArrayList<>();
    viewersByStream.forEach(
        (stream, samples) -> {
          double meanViewers =
              samples.stream().mapToLong(ViewerEvent::viewerCount).average().orElse(0);
          pairs.add(
              new double[] {
                Math.log1p(meanViewers), Math.log1p(chatByStream.getOrDefault(stream, 0))
              });
        });

    assertThat(correlation(pairs)).isGreaterThan(0.9);
  }

  @Test
  void viewerCurvesRiseAndFall() {
    int rising = 0;
    int falling = 0;
    for (List<ViewerEvent> samples : viewersByStream.values()) {
      for (int i = 12; i < samples.size(); i++) {
        long now = samples.get(i).viewerCount();
        long before = samples.get(i - 12).viewerCount();
        if (before > 20 && now > before * 1.3) {
          rising++;
        }
        if (before > 20 && now < before * 0.7) {
          falling++;
        }
      }
    }
    assertThat(rising).isGreaterThan(10);
    assertThat(falling).isGreaterThan(10);
  }

  @Test
  void raidsAndHypeMomentsBurstTheChat() {
    // Chat per 10 s per stream, relative to the stream's median 10 s.
    Map<String, Map<Long, Integer>> buckets = new HashMap<>();
    for (Event event : events) {
      if (event instanceof ChatEvent c) {
        long bucket = (c.ts().toEpochMilli() - START.toEpochMilli()) / 10_000;
        buckets.computeIfAbsent(c.streamId(), k -> new HashMap<>()).merge(bucket, 1, Integer::sum);
      }
    }
    int burstingStreams = 0;
    for (Map<Long, Integer> perBucket : buckets.values()) {
      int[] counts = perBucket.values().stream().mapToInt(Integer::intValue).sorted().toArray();
      if (counts.length < 100) {
        continue;
      }
      int median = counts[counts.length / 2];
      int max = counts[counts.length - 1];
      if (median >= 5 && max >= 4 * median) {
        burstingStreams++;
      }
    }
    assertThat(burstingStreams).isGreaterThanOrEqualTo(3);
  }

  @Test
  void streamsGoOfflineAndComeBackAndAreSilentInBetween() {
    Map<String, StreamStatus> status = new HashMap<>();
    Set<String> cameBack = new HashSet<>();
    Set<String> wentOffline = new HashSet<>();
    for (Event event : events) {
      if (event instanceof StreamMetaEvent m) {
        StreamStatus before = status.put(m.streamId(), m.status());
        if (before == StreamStatus.ONLINE && m.status() == StreamStatus.OFFLINE) {
          wentOffline.add(m.streamId());
        }
        if (before == StreamStatus.OFFLINE && m.status() == StreamStatus.ONLINE) {
          cameBack.add(m.streamId());
        }
      } else if (event instanceof ChatEvent || event instanceof TransactionEvent) {
        assertThat(status.get(event.streamId()))
            .as(event.toString())
            .isEqualTo(StreamStatus.ONLINE);
      } else if (event instanceof ViewerEvent v && v.viewerCount() > 0) {
        assertThat(status.get(event.streamId())).isEqualTo(StreamStatus.ONLINE);
      }
    }
    assertThat(wentOffline).hasSizeGreaterThan(5);
    assertThat(cameBack).hasSizeGreaterThan(5);
  }

  @Test
  void chatCarriesEmotesFromARealisticVocabularyAsTokensOfTheMessage() {
    Set<String> used = new HashSet<>();
    for (Event event : events) {
      if (event instanceof ChatEvent c) {
        List<String> tokens = Arrays.asList(c.message().split(" "));
        for (String emote : c.emotes()) {
          assertThat(tokens).contains(emote);
          assertThat(ChatVocabulary.EMOTES).contains(emote);
          used.add(emote);
        }
      }
    }
    assertThat(used)
        .contains(
            "Kappa",
            "PogChamp",
            "LUL",
            "KEKW",
            "monkaS",
            "PepeHands",
            "BibleThump",
            "ResidentSleeper",
            "<3",
            "Pog",
            "Sadge");
  }

  @Test
  void chatHasPositiveNegativeAndNeutralMessages() {
    int positive = 0;
    int negative = 0;
    int neither = 0;
    for (Event event : events) {
      if (event instanceof ChatEvent c) {
        Set<String> words = new HashSet<>(Arrays.asList(c.message().toLowerCase().split(" ")));
        boolean pos = ChatVocabulary.POSITIVE_WORDS.stream().anyMatch(words::contains);
        boolean neg = ChatVocabulary.NEGATIVE_WORDS.stream().anyMatch(words::contains);
        positive += pos ? 1 : 0;
        negative += neg ? 1 : 0;
        neither += !pos && !neg ? 1 : 0;
      }
    }
    assertThat(positive).isGreaterThan(negative);
    assertThat(negative).isGreaterThan(positive / 10);
    assertThat(neither).isGreaterThan(negative);
  }

  @Test
  void paymentsHaveRealisticExactAmounts() {
    Set<String> currencies = new HashSet<>();
    Map<TransactionType, Integer> types = new HashMap<>();
    Set<BigDecimal> subPrices =
        Set.of("4.99", "9.99", "24.99", "3.99", "7.99", "19.99").stream()
            .map(BigDecimal::new)
            .collect(java.util.stream.Collectors.toSet());
    for (Event event : events) {
      if (event instanceof TransactionEvent t) {
        types.merge(t.transactionType(), 1, Integer::sum);
        currencies.add(t.currency());
        assertThat(t.amount().signum()).isPositive();
        assertThat(t.amount().scale()).isLessThanOrEqualTo(2);
        switch (t.transactionType()) {
          case SUBSCRIPTION -> assertThat(subPrices).contains(t.amount());
          case BITS -> {
            assertThat(t.currency()).isEqualTo("USD");
            assertThat(t.amount().scale()).isEqualTo(2);
          }
          case GIFT ->
              assertThat(t.amount().remainder(new BigDecimal("4.99"))).isEqualByComparingTo("0");
          case TIP -> {
            if (t.currency().equals("JPY")) {
              assertThat(t.amount().scale()).isZero();
            }
          }
        }
      }
    }
    assertThat(types.keySet()).containsExactlyInAnyOrder(TransactionType.values());
    assertThat(currencies).contains("USD", "EUR", "GBP", "JPY", "BRL");
    assertThat(types.get(TransactionType.SUBSCRIPTION))
        .isGreaterThan(types.get(TransactionType.GIFT));
  }

  @Test
  void everyLiveStreamIsSampledEveryFiveSeconds() {
    for (List<ViewerEvent> samples : viewersByStream.values()) {
      for (int i = 1; i < samples.size(); i++) {
        long gap = samples.get(i).ts().toEpochMilli() - samples.get(i - 1).ts().toEpochMilli();
        if (samples.get(i - 1).viewerCount() > 0 && samples.get(i).viewerCount() > 0) {
          assertThat(gap).isBetween(4_000L, 6_500L);
        }
      }
    }
  }

  private static double correlation(List<double[]> pairs) {
    double n = pairs.size();
    double mx = pairs.stream().mapToDouble(p -> p[0]).sum() / n;
    double my = pairs.stream().mapToDouble(p -> p[1]).sum() / n;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (double[] p : pairs) {
      sxy += (p[0] - mx) * (p[1] - my);
      sxx += (p[0] - mx) * (p[0] - mx);
      syy += (p[1] - my) * (p[1] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
