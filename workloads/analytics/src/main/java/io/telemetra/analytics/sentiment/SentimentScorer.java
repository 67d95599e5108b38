package io.telemetra.analytics.sentiment;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Scores a chat message in [-1, 1]: word valences from the VADER lexicon (MIT, C.J. Hutto) plus
 * emote valences from Telemetra's emote lexicon weighted {@value #EMOTE_WEIGHT}x, with VADER's
 * negation damping and normalisation {@code sum / sqrt(sum^2 + 15)}.
 */
public final class SentimentScorer implements Serializable {

  /** How much more an emote counts than a word of the same valence. */
  public static final double EMOTE_WEIGHT = 2.0;

  /** VADER's normalisation constant. */
  static final double ALPHA = 15.0;

  /** VADER's scalar for a valence following a negation. */
  static final double NEGATION_SCALAR = -0.74;

  private static final Set<String> NEGATIONS =
      Set.of(
          "not", "no", "never", "isnt", "isn't", "dont", "don't", "doesnt", "doesn't", "cant",
          "can't", "cannot", "wont", "won't", "aint", "ain't", "nothing", "nobody", "without");

  private static final long serialVersionUID = 1L;

  private transient Lexicon words;
  private transient Lexicon emotes;

  /** A scorer over the lexicons shipped in this module. */
  public static SentimentScorer shipped() {
    return new SentimentScorer();
  }

  private Lexicon words() {
    if (words == null) {
      words = Lexicons.WORDS;
    }
    return words;
  }

  private Lexicon emotes() {
    if (emotes == null) {
      emotes = Lexicons.EMOTES;
    }
    return emotes;
  }

  /** The compound score of {@code message} with the emote codes listed for it. */
  public double score(String message, List<String> listedEmotes) {
    Set<String> listed = new HashSet<>(listedEmotes);
    Set<String> seen = new HashSet<>();
    double sum = 0;
    boolean negate = false;
    for (String raw : message.split("\\s+")) {
      if (raw.isEmpty()) {
        continue;
      }
      OptionalDouble emote = emoteValence(raw, listed);
      if (emote.isPresent()) {
        seen.add(raw);
        sum += EMOTE_WEIGHT * emote.getAsDouble();
        negate = false;
        continue;
      }
      String token = raw.toLowerCase(Locale.ROOT);
      OptionalDouble valence = words().valence(token);
      if (valence.isEmpty()) {
        token = stripPunctuation(token);
        valence = words().valence(token);
      }
      if (valence.isPresent()) {
        sum += (negate ? NEGATION_SCALAR : 1.0) * valence.getAsDouble();
      }
      negate = NEGATIONS.contains(token);
    }
    for (String code : listedEmotes) {
      if (!seen.contains(code)) {
        sum += EMOTE_WEIGHT * emotes().valence(code).orElse(0);
      }
    }
    return normalise(sum);
  }

  private OptionalDouble emoteValence(String token, Set<String> listed) {
    OptionalDouble v = emotes().valence(token);
    if (v.isPresent()) {
      return v;
    }
    return listed.contains(token) ? OptionalDouble.of(0) : OptionalDouble.empty();
  }

  static double normalise(double sum) {
    if (sum == 0) {
      return 0;
    }
    double score = sum / Math.sqrt(sum * sum + ALPHA);
    return Math.max(-1.0, Math.min(1.0, score));
  }

  private static String stripPunctuation(String token) {
    int start = 0;
    int end = token.length();
    while (start < end && !Character.isLetterOrDigit(token.charAt(start))) {
      start++;
    }
    while (end > start && !Character.isLetterOrDigit(token.charAt(end - 1))) {
      end--;
    }
    return token.substring(start, end);
  }

  /** The shipped lexicons, loaded once per JVM. */
  private static final class Lexicons {
    static final Lexicon WORDS = Lexicon.load("vader_lexicon.tsv");
    static final Lexicon EMOTES = Lexicon.load("emote_lexicon.tsv");
  }
}
