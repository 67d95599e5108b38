package io.telemetra.streaming.window;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The panes (indices, ascending) in which one user of one stream chatted, as long as a window
 * containing them is open: what exact unique chatters need to tell whether a window has seen the
 * user already. A Java bean for Spark's encoder.
 */
public final class ChatterPanes implements Serializable {

  private static final long serialVersionUID = 1L;

  private long[] panes = new long[0];

  static ChatterPanes none() {
    return new ChatterPanes();
  }

  boolean contains(long pane) {
    return Arrays.binarySearch(panes, pane) >= 0;
  }

  /** Whether any pane in [first, last] is one of the user's. */
  boolean anyBetween(long first, long last) {
    int at = Arrays.binarySearch(panes, first);
    int i = at >= 0 ? at : -at - 1;
    return i < panes.length && panes[i] <= last;
  }

  void add(long pane) {
    int at = Arrays.binarySearch(panes, pane);
    if (at >= 0) {
      return;
    }
    int i = -at - 1;
    long[] grown = new long[panes.length + 1];
    System.arraycopy(panes, 0, grown, 0, i);
    grown[i] = pane;
    System.arraycopy(panes, i, grown, i + 1, panes.length - i);
    panes = grown;
  }

  /** Forgets the panes before {@code first}; whether there were any. */
  boolean forgetBefore(long first) {
    int at = Arrays.binarySearch(panes, first);
    int i = at >= 0 ? at : -at - 1;
    if (i == 0) {
      return false;
    }
    panes = Arrays.copyOfRange(panes, i, panes.length);
    return true;
  }

  public long[] getPanes() {
    return panes;
  }

  public void setPanes(long[] panes) {
    this.panes = panes;
  }
}
