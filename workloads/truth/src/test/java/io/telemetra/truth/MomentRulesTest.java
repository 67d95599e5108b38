package io.telemetra.truth;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.analytics.moments.DetectedMoment;
import io.telemetra.analytics.moments.MomentDetector;
import io.telemetra.analytics.moments.StreamHistory;
import io.telemetra.analytics.window.SlidingWindows;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The soak's moment rule, written from the documentation, agrees with the streaming job's detector
 * on random window tables with gaps, spikes and several currencies: two independent readings of
 * docs/streaming.md.
 */
class MomentRulesTest {

  private static final Duration SLIDE = Duration.ofSeconds(10);
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void agreesWithTheStreamingJobsDetectorOnRandomWindows() {
    for (int seed = 1; seed <= 20; seed++) {
      GroundTruth.Windows windows = randomWindows(new Random(seed));
      Set<Rows.Moment> expected = detectorMoments(windows);

      Set<Rows.Moment> actual = new MomentRules(SLIDE, 30, 3.0).moments(windows);

      assertThat(actual).as("seed %d", seed).isEqualTo(expected);
      if (seed == 1) {
        assertThat(actual).as("the random tables have spikes").isNotEmpty();
      }
    }
  }

  @Test
  void revenueSpikesOfTheSamePatternInTwoCurrenciesAreATieWonByTheCurrencySortingFirst() {
    // A game day: over 20 observed windows each currency had one purchase of its one price, then
    // the same purchase again; the two spikes score the same (the price cancels out), a last bit
    // apart. Compared with the rounded score it kept, the oracle chose GBP where the job, comparing
    // the scores it computed, chose CAD.
    String[] currencies = {"CAD", "EUR", "GBP", "JPY", "SEK", "USD"};
    String[] prices = {"20.32", "17.99", "13.50", "24.99", "99.00", "11.25"};
    Instant spike = T0.plus(SLIDE.multipliedBy(20));
    Instant earlier = T0.plus(SLIDE.multipliedBy(5));
    // Every pair, so that in some the currency sorting last is the one the oracle meets first.
    for (int a = 0; a < currencies.length; a++) {
      for (int b = a + 1; b < currencies.length; b++) {
        GroundTruth.Windows w = new GroundTruth.Windows();
        for (int k = 0; k <= 20; k++) {
          Instant start = T0.plus(SLIDE.multipliedBy(k));
          w.chat.add(new Rows.Chat("s", start, 5, 5, 0, 5, 0, 0));
        }
        for (int c : new int[] {a, b}) {
          BigDecimal price = new BigDecimal(prices[c]);
          w.revenue.add(new Rows.Revenue("s", earlier, currencies[c], 1, price));
          w.revenue.add(new Rows.Revenue("s", spike, currencies[c], 1, price));
        }

        Set<Rows.Moment> moments = new MomentRules(SLIDE, 20, 2.5).moments(w);

        String first = currencies[a];
        assertThat(moments)
            .as("%s and %s", currencies[a], currencies[b])
            .filteredOn(m -> m.kind().equals("revenue_spike"))
            .singleElement()
            .satisfies(m -> assertThat(m.currency()).isEqualTo(first));
        assertThat(moments).as("the job's detector agrees").isEqualTo(detectorMoments(w));
      }
    }
  }

  private static GroundTruth.Windows randomWindows(Random random) {
    GroundTruth.Windows w = new GroundTruth.Windows();
    for (int s = 0; s < 3; s++) {
      String stream = "s" + s;
      long viewers = 1000;
      for (int k = 0; k < 120; k++) {
        if (random.nextInt(10) == 0) {
          continue; // a gap: not observed
        }
        Instant start = T0.plus(SLIDE.multipliedBy(k));
        boolean spike = random.nextInt(25) == 0;
        long chat = 50 + random.nextInt(10) + (spike ? 400 : 0);
        if (random.nextInt(8) != 0) {
          w.chat.add(new Rows.Chat(stream, start, chat, chat, 0, chat, 0, 0));
        }
        viewers += random.nextInt(21) - 10 + (spike ? 900 : 0);
        w.viewers.add(new Rows.Viewers(stream, start, viewers, viewers, viewers, viewers, 1));
        for (String currency : new String[] {"USD", "EUR"}) {
          if (random.nextInt(3) != 0) {
            BigDecimal sum =
                BigDecimal.valueOf(500 + random.nextInt(100) + (spike ? 20_000 : 0), 2);
            w.revenue.add(new Rows.Revenue(stream, start, currency, 1, sum));
          }
        }
      }
    }
    return w;
  }

  private static Set<Rows.Moment> detectorMoments(GroundTruth.Windows w) {
    MomentDetector detector =
        new MomentDetector(new SlidingWindows(Duration.ofSeconds(60), SLIDE), 3.0, 30);
    java.util.Map<String, StreamHistory> histories = new java.util.HashMap<>();
    Set<String> keys = new HashSet<>();
    for (Rows.Chat c : w.chat) {
      histories.computeIfAbsent(c.stream(), k -> new StreamHistory()).chat(c.start(), c.count());
      keys.add(c.stream() + "|" + c.start());
    }
    for (Rows.Viewers v : w.viewers) {
      histories.computeIfAbsent(v.stream(), k -> new StreamHistory()).viewers(v.start(), v.last());
      keys.add(v.stream() + "|" + v.start());
    }
    for (Rows.Revenue r : w.revenue) {
      histories
          .computeIfAbsent(r.stream(), k -> new StreamHistory())
          .revenue(r.start(), r.currency(), r.sum());
      keys.add(r.stream() + "|" + r.start());
    }
    Set<Rows.Moment> moments = new HashSet<>();
    for (String key : keys) {
      String[] parts = key.split("\\|");
      for (DetectedMoment m :
          detector.detect(parts[0], Instant.parse(parts[1]), histories.get(parts[0]))) {
        moments.add(
            new Rows.Moment(
                m.streamId(),
                m.windowStart(),
                m.kind().dbName(),
                Rows.round6(m.score()),
                Rows.round6(m.value()),
                m.currency()));
      }
    }
    return moments;
  }
}
