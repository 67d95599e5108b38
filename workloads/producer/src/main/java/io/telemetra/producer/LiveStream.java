package io.telemetra.producer;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One simulated live stream: its audience size, whether it is live, and how its viewer count and
 * chat activity move over event time. Sessions rise, plateau with a slow wander and fall off; raids
 * add a wave of viewers that decays over minutes and a burst of chat; hype moments burst chat
 * without changing the audience.
 */
final class LiveStream {

  static final List<String> CATEGORIES =
      List.of(
          "Just Chatting",
          "League of Legends",
          "Valorant",
          "Minecraft",
          "Fortnite",
          "Counter-Strike",
          "Grand Theft Auto V",
          "Music",
          "Art",
          "Speedrunning",
          "Chess",
          "Software and Game Development",
          "Elden Ring",
          "Apex Legends");
  private static final List<String> TITLES =
      List.of(
          "ranked grind until we hit the next tier",
          "chill vibes and good music",
          "day %d of the challenge",
          "!drops enabled, come hang out",
          "world record attempts, any%%",
          "viewer games all night",
          "first playthrough, no spoilers please",
          "road to 10k followers",
          "late night stream, %d hour marathon",
          "learning something new today");
  private static final List<String> NAME_STARTS =
      List.of(
          "pixel", "shadow", "lucky", "cozy", "turbo", "silent", "neon", "frosty", "cosmic",
          "sneaky", "golden", "sleepy", "mighty", "rusty", "wild", "retro");
  private static final List<String> NAME_ENDS =
      List.of(
          "fox", "wolf", "gamer", "knight", "panda", "otter", "ninja", "wizard", "pilot", "byte",
          "tiger", "raven", "moth", "bard", "golem", "dragon");

  /** Seconds of event time between the simulation's ticks. */
  static final int TICK_SECONDS = 1;

  final int index;
  final String streamId;
  final String streamer;

  /** Typical concurrent viewers when live; heavy-tailed across streams. */
  final double baseViewers;

  String title;
  String category;
  boolean online;

  /** Seconds into the current session (online) or the current break (offline). */
  double elapsed;

  /** Length of the current session or break, in seconds. */
  double length;

  private double logNoise;
  private final double wanderPeriod;
  private final double wanderPhase;
  private double raidViewers;
  private double raidAge = Double.MAX_VALUE;
  private double hypeLeft;
  private double hypeStrength = 1;
  private boolean hypeNegative;

  /** Current viewer count (0 when offline), refreshed every tick. */
  long viewers;

  /** Current chat multiplier from raids and hype moments (1 = calm). */
  double excitement = 1;

  LiveStream(int index, double baseViewers, boolean online, RandomGenerator random) {
    this.index = index;
    this.streamId = String.format("stream-%03d", index);
    this.streamer =
        ChatVocabulary.pick(random, NAME_STARTS)
            + "_"
            + ChatVocabulary.pick(random, NAME_ENDS)
            + (random.nextInt(3) == 0 ? String.valueOf(random.nextInt(100)) : "");
    this.baseViewers = baseViewers;
    this.category = ChatVocabulary.pick(random, CATEGORIES);
    this.title = newTitle(random);
    this.wanderPeriod = 1200 + random.nextDouble() * 1800;
    this.wanderPhase = random.nextDouble() * 2 * Math.PI;
    this.online = online;
    this.length = online ? sessionLength(random) : breakLength(random);
    this.elapsed = random.nextDouble() * length * (online ? 0.6 : 0.8);
    refresh();
  }

  /** What happened in one tick that the generator must report. */
  enum Change {
    NONE,
    WENT_ONLINE,
    WENT_OFFLINE,
    RETITLED,
    RAIDED
  }

  /**
   * Advances the stream by one tick. {@code mayGoOffline} is false when this is the last live
   * stream, so the simulation never falls silent.
   */
  Change tick(RandomGenerator random, boolean mayGoOffline) {
    elapsed += TICK_SECONDS;
    Change change = Change.NONE;
    if (elapsed >= length) {
      if (online && !mayGoOffline) {
        length += 300;
      } else {
        online = !online;
        elapsed = 0;
        length = online ? sessionLength(random) : breakLength(random);
        raidViewers = 0;
        raidAge = Double.MAX_VALUE;
        hypeLeft = 0;
        if (online) {
          title = newTitle(random);
          if (random.nextInt(4) == 0) {
            category = ChatVocabulary.pick(random, CATEGORIES);
          }
        }
        change = online ? Change.WENT_ONLINE : Change.WENT_OFFLINE;
      }
    }
    if (online && change == Change.NONE) {
      logNoise = 0.985 * logNoise + 0.02 * random.nextGaussian();
      raidAge += TICK_SECONDS;
      if (hypeLeft > 0) {
        hypeLeft -= TICK_SECONDS;
      }
      // About one raid per 20 minutes live and one hype moment per 6 minutes.
      if (random.nextDouble() < TICK_SECONDS / 1200.0 && elapsed > 120) {
        raidViewers = baseViewers * (0.4 + 2.5 * random.nextDouble()) + 20;
        raidAge = 0;
        change = Change.RAIDED;
      } else if (hypeLeft <= 0 && random.nextDouble() < TICK_SECONDS / 360.0) {
        hypeLeft = 15 + random.nextInt(30);
        hypeStrength = 3 + 5 * random.nextDouble();
        // Most hype is a great play; some is a painful loss that chat laments.
        hypeNegative = random.nextInt(4) == 0;
      } else if (random.nextDouble() < TICK_SECONDS / 3600.0) {
        title = newTitle(random);
        change = Change.RETITLED;
      }
    }
    refresh();
    return change;
  }

  boolean raidActive() {
    return online && raidAge < 120;
  }

  boolean hypeActive() {
    return online && hypeLeft > 0;
  }

  /** Whether the current hype moment is a sad one (a lost fight, a crash). */
  boolean hypeNegative() {
    return hypeActive() && hypeNegative;
  }

  /** Relative rate of chat messages: proportional to viewers, multiplied in bursts. */
  double chatWeight() {
    return online ? viewers * excitement : 0;
  }

  /** Relative rate of payments: proportional to viewers, higher after raids and in hype. */
  double paymentWeight() {
    if (!online) {
      return 0;
    }
    double boost = (raidActive() ? 3 : 1) * (hypeActive() ? 2 : 1);
    return viewers * boost;
  }

  private void refresh() {
    if (!online) {
      viewers = 0;
      excitement = 1;
      return;
    }
    double raidBoost = raidAge == Double.MAX_VALUE ? 0 : raidViewers * Math.exp(-raidAge / 300);
    viewers = Math.max(0, Math.round(baseViewers * curve() * Math.exp(logNoise) + raidBoost));
    double raidChat = raidAge < 90 ? 6 + 6 * Math.exp(-raidAge / 30) : 1;
    double hypeChat = hypeLeft > 0 ? hypeStrength : 1;
    excitement = Math.max(raidChat, hypeChat);
  }

  /** The session's shape: a rise, a plateau with a slow wander, a fall-off at the end. */
  private double curve() {
    double rise = Math.min(0.15 * length, 600);
    double fall = Math.min(0.2 * length, 900);
    if (elapsed < rise) {
      return 0.15 + 0.85 * Math.pow(elapsed / rise, 0.7);
    }
    if (elapsed > length - fall) {
      return 0.2 + 0.8 * Math.max(0, length - elapsed) / fall;
    }
    return 1 + 0.15 * Math.sin(2 * Math.PI * elapsed / wanderPeriod + wanderPhase);
  }

  /** A stable, readable name for chatter number {@code user}. */
  static String username(long user) {
    int starts = NAME_STARTS.size();
    int ends = NAME_ENDS.size();
    return NAME_STARTS.get((int) (user % starts))
        + NAME_ENDS.get((int) ((user / starts) % ends))
        + (user / (starts * ends)) % 10_000;
  }

  private String newTitle(RandomGenerator random) {
    String template = ChatVocabulary.pick(random, TITLES);
    return String.format(template, 1 + random.nextInt(30));
  }

  private static double sessionLength(RandomGenerator random) {
    // Log-normal around 45 minutes, between 10 minutes and 4 hours.
    return Math.max(600, Math.min(14_400, 2700 * Math.exp(0.5 * random.nextGaussian())));
  }

  private static double breakLength(RandomGenerator random) {
    return 60 + random.nextDouble() * 540;
  }
}
