package io.telemetra.local;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** Prints the runner's progress: one ✓ line per finished step with how long it took. */
public final class Progress {

  private static final int LABEL_WIDTH = 66;

  private final PrintStream out;
  private final long startNanos = System.nanoTime();

  public Progress(PrintStream out) {
    this.out = out;
  }

  /** A step that finished after {@code took}. */
  public void done(String what, Duration took) {
    line("✓", what, took);
  }

  /** A step that failed. */
  public void failed(String what, String why) {
    synchronized (out) {
      out.println("  ✗ " + what + ": " + why);
      out.flush();
    }
  }

  /** An informational line. */
  public void note(String text) {
    synchronized (out) {
      out.println("  " + text);
      out.flush();
    }
  }

  /** A plain line. */
  public void plain(String text) {
    synchronized (out) {
      out.println(text);
      out.flush();
    }
  }

  /** Time since the runner started. */
  public Duration sinceStart() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private void line(String mark, String what, Duration took) {
    String label = what.length() < LABEL_WIDTH ? padRight(what, LABEL_WIDTH) : what + " ";
    synchronized (out) {
      out.println("  " + mark + " " + label + seconds(took));
      out.flush();
    }
  }

  static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%5.1f s", d.toMillis() / 1000.0);
  }

  private static String padRight(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
