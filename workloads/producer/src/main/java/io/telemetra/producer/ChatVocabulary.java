package io.telemetra.producer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The words and emotes of simulated chat. Messages carry a mood (positive, neutral, negative) in
 * their words and emotes, so sentiment analysis downstream has a signal to find; emotes are tokens
 * of the message, as on Twitch, and are listed in the order they appear.
 */
final class ChatVocabulary {

  /** How a chat line feels. */
  enum Mood {
    POSITIVE,
    NEUTRAL,
    NEGATIVE
  }

  static final List<String> POSITIVE_EMOTES =
      List.of(
          "PogChamp",
          "Pog",
          "POGGERS",
          "PogU",
          "LUL",
          "KEKW",
          "<3",
          "Kreygasm",
          "SeemsGood",
          "catJAM",
          "EZ",
          "HeyGuys",
          "VoHiYo",
          "GlitchCat");
  static final List<String> NEGATIVE_EMOTES =
      List.of(
          "BibleThump",
          "PepeHands",
          "Sadge",
          "NotLikeThis",
          "ResidentSleeper",
          "WutFace",
          "FailFish",
          "DansGame",
          "SwiftRage",
          "monkaS");
  static final List<String> NEUTRAL_EMOTES =
      List.of(
          "Kappa",
          "4Head",
          "monkaHmm",
          "Jebaited",
          "CoolStoryBob",
          "TriHard",
          "Kappa",
          "OMEGALUL",
          "CoolCat");

  /** Every emote code the generator uses. */
  static final Set<String> EMOTES;

  static {
    var all = new java.util.LinkedHashSet<String>();
    all.addAll(POSITIVE_EMOTES);
    all.addAll(NEGATIVE_EMOTES);
    all.addAll(NEUTRAL_EMOTES);
    EMOTES = java.util.Collections.unmodifiableSet(all);
  }

  static final List<String> POSITIVE_WORDS =
      List.of(
          "amazing",
          "awesome",
          "great",
          "love",
          "insane",
          "clutch",
          "beautiful",
          "nice",
          "gg",
          "hype",
          "best",
          "incredible",
          "legendary",
          "wholesome",
          "fantastic",
          "perfect",
          "cute",
          "genius",
          "wow",
          "epic");
  static final List<String> NEGATIVE_WORDS =
      List.of(
          "terrible",
          "awful",
          "boring",
          "trash",
          "sad",
          "hate",
          "worst",
          "laggy",
          "cringe",
          "unlucky",
          "annoying",
          "broken",
          "horrible",
          "ugly",
          "pathetic",
          "rip");
  static final List<String> NOUNS =
      List.of(
          "play", "stream", "run", "build", "map", "boss", "song", "team", "round", "fight",
          "strat", "aim", "setup", "chat", "game", "clip", "ending", "combo");

  private static final List<String> NEUTRAL_LINES =
      List.of(
          "what rank is this",
          "first time here",
          "anyone know the song",
          "how long has he been live",
          "is this ranked",
          "what keyboard is that",
          "hello chat",
          "back from dinner",
          "what did I miss",
          "which server is this",
          "lurking",
          "when is the next giveaway",
          "what are the settings",
          "where is this map from",
          "how many hours today");
  private static final List<String> GREETINGS =
      List.of("hi", "hey", "hello", "yo", "good evening", "morning", "sup");
  private static final List<String> RAID_LINES =
      List.of(
          "RAID HYPE",
          "raid incoming",
          "welcome raiders",
          "raiders in the house",
          "thanks for the raid");

  private ChatVocabulary() {}

  /** A chat line and the emotes in it. */
  record Line(String message, List<String> emotes) {}

  /**
   * A chat line of the given mood. {@code excitement} (1 = calm) makes emote spam and caps more
   * likely, as in a raid or a hype moment; {@code raid} adds raid greetings.
   */
  static Line line(RandomGenerator random, Mood mood, double excitement, boolean raid) {
    var message = new StringBuilder(64);
    var emotes = new ArrayList<String>(4);
    if (raid && random.nextDouble() < 0.5) {
      message.append(pick(random, RAID_LINES));
      appendEmote(random, message, emotes, POSITIVE_EMOTES);
      return new Line(message.toString(), emotes);
    }
    double spam = Math.min(0.8, 0.08 * excitement);
    if (random.nextDouble() < spam) {
      List<String> palette = mood == Mood.NEGATIVE ? NEGATIVE_EMOTES : POSITIVE_EMOTES;
      String emote = pick(random, palette);
      int repeats = 1 + random.nextInt(Math.max(1, (int) Math.min(8, excitement)));
      for (int i = 0; i < repeats; i++) {
        if (i > 0) {
          message.append(' ');
        }
        message.append(emote);
        emotes.add(emote);
      }
      return new Line(message.toString(), emotes);
    }
    switch (mood) {
      case POSITIVE -> positive(random, message);
      case NEGATIVE -> negative(random, message);
      case NEUTRAL -> neutral(random, message);
    }
    if (excitement > 3 && random.nextDouble() < 0.2) {
      String shouted = message.toString().toUpperCase(java.util.Locale.ROOT);
      message.setLength(0);
      message.append(shouted);
    }
    double emoteChance = Math.min(0.9, 0.35 * Math.sqrt(excitement));
    if (random.nextDouble() < emoteChance) {
      List<String> palette =
          switch (mood) {
            case POSITIVE -> POSITIVE_EMOTES;
            case NEGATIVE -> NEGATIVE_EMOTES;
            case NEUTRAL -> NEUTRAL_EMOTES;
          };
      appendEmote(random, message, emotes, palette);
      if (random.nextDouble() < 0.15 * excitement) {
        appendEmote(random, message, emotes, palette);
      }
    }
    return new Line(message.toString(), emotes);
  }

  private static void positive(RandomGenerator random, StringBuilder out) {
    String word = pick(random, POSITIVE_WORDS);
    switch (random.nextInt(6)) {
      case 0 -> out.append(word).append(' ').append(pick(random, NOUNS));
      case 1 -> out.append("that was ").append(word);
      case 2 -> out.append("this ").append(pick(random, NOUNS)).append(" is ").append(word);
      case 3 -> out.append("lets go ").append(word).append(' ').append(pick(random, NOUNS));
      case 4 -> out.append(word).append(' ').append(word);
      default -> out.append("love this ").append(pick(random, NOUNS));
    }
  }

  private static void negative(RandomGenerator random, StringBuilder out) {
    String word = pick(random, NEGATIVE_WORDS);
    switch (random.nextInt(5)) {
      case 0 -> out.append("this ").append(pick(random, NOUNS)).append(" is ").append(word);
      case 1 -> out.append(word).append(' ').append(pick(random, NOUNS));
      case 2 -> out.append("so ").append(word);
      case 3 -> out.append("that was ").append(word).append(" ngl");
      default -> out.append("the ").append(pick(random, NOUNS)).append(" feels ").append(word);
    }
  }

  private static void neutral(RandomGenerator random, StringBuilder out) {
    if (random.nextInt(4) == 0) {
      out.append(pick(random, GREETINGS)).append(" chat");
    } else {
      out.append(pick(random, NEUTRAL_LINES));
    }
  }

  private static void appendEmote(
      RandomGenerator random, StringBuilder message, List<String> emotes, List<String> palette) {
    String emote = pick(random, palette);
    message.append(' ').append(emote);
    emotes.add(emote);
  }

  static <T> T pick(RandomGenerator random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
