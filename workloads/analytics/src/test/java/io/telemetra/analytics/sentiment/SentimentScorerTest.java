package io.telemetra.analytics.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentimentScorerTest {

  private final SentimentScorer scorer = SentimentScorer.shipped();

  @Test
  void positiveAndNegativeWordsScoreAccordingly() {
    assertThat(scorer.score("I love this stream", List.of())).isGreaterThan(0.5);
    assertThat(scorer.score("what a terrible awful play", List.of())).isLessThan(-0.5);
    assertThat(scorer.score("the stream starts at nine", List.of())).isZero();
  }

  @Test
  void scoresStayWithinMinusOneAndOne() {
    String gushing = "love ".repeat(200);
    assertThat(scorer.score(gushing, List.of())).isBetween(0.99, 1.0);
    assertThat(scorer.score("hate ".repeat(200), List.of())).isBetween(-1.0, -0.99);
  }

  @Test
  void anEmoteWeighsMoreThanAWordOfTheSameValence() {
    // "great" (3.1 in VADER) against PogChamp (3.0 in the emote lexicon, weighted 2x)
    assertThat(scorer.score("PogChamp", List.of("PogChamp")))
        .isGreaterThan(scorer.score("great", List.of()));
    assertThat(scorer.score("nice play NotLikeThis", List.of("NotLikeThis"))).isNegative();
  }

  @Test
  void emotesAreCaseSensitiveAsChatPlatformsTreatThem() {
    assertThat(scorer.score("pogchamp", List.of())).isZero();
    assertThat(scorer.score("PogChamp", List.of())).isPositive();
  }

  @Test
  void listedEmotesMissingFromTheTextStillCount() {
    assertThat(scorer.score("that was something", List.of("BibleThump"))).isNegative();
  }

  @Test
  void negationFlipsAndDampensTheNextWord() {
    double good = scorer.score("good", List.of());
    double notGood = scorer.score("not good", List.of());
    assertThat(notGood).isNegative();
    assertThat(Math.abs(notGood)).isLessThan(good);
  }

  @Test
  void punctuationAroundWordsIsIgnoredButEmoticonsCount() {
    assertThat(scorer.score("amazing!!!", List.of())).isPositive();
    assertThat(scorer.score(":)", List.of())).isPositive();
    assertThat(scorer.score(":(", List.of())).isNegative();
  }

  @Test
  void labelsUseVadersCutoffs() {
    assertThat(SentimentLabel.of(0.05)).isEqualTo(SentimentLabel.POSITIVE);
    assertThat(SentimentLabel.of(0.049)).isEqualTo(SentimentLabel.NEUTRAL);
    assertThat(SentimentLabel.of(-0.05)).isEqualTo(SentimentLabel.NEGATIVE);
  }

  @Test
  void theShippedLexiconsAreLoaded() {
    assertThat(Lexicon.load("vader_lexicon.tsv").size()).isGreaterThan(7000);
    assertThat(Lexicon.load("emote_lexicon.tsv").contains("PogChamp")).isTrue();
  }
}
