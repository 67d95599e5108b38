package io.telemetra.streaming.config;

import java.util.Locale;

/**
 * How the windows query computes its sliding windows ({@code WINDOW_ENGINE}). Both write the same
 * rows; they keep different state, so a checkpoint belongs to the engine that wrote it.
 */
public enum WindowEngine {
  /**
   * Spark's {@code dropDuplicatesWithinWatermark} and {@code window()}: each event exploded into
   * one row per window containing it, then one aggregate per (stream, window, kind, currency) with
   * the window's set of chatters in state.
   */
  EXPLODE,
  /**
   * The default: each event deduplicated and aggregated once, into its slide-long pane; a window is
   * the merge of its panes ({@code transformWithState}, RocksDB state store only).
   */
  PANES;

  /** The engine as WINDOW_ENGINE spells it: {@code explode} or {@code panes}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code explode} or {@code panes}, in any case. */
  public static WindowEngine parse(String value) {
    String v = value.strip().toUpperCase(Locale.ROOT);
    for (WindowEngine e : values()) {
      if (e.name().equals(v)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "WINDOW_ENGINE must be explode or panes, got '" + value + "'");
  }
}
