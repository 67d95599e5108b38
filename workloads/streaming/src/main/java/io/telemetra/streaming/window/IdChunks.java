package io.telemetra.streaming.window;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The index of one stream's {@link EventIds} chunks: each chunk's key and pane, so that forgetting
 * a pane finds its chunks without reading any other. A few dozen entries (the panes whose ids are
 * remembered, times the batches that added to them). A Java bean for Spark's encoder.
 */
public final class IdChunks implements Serializable {

  private static final long serialVersionUID = 1L;

  private long[] panes = new long[0];
  private String[] keys = new String[0];

  static IdChunks none() {
    return new IdChunks();
  }

  /** The key of a new chunk of {@code pane} whose first id is {@code firstId}. */
  static String key(long pane, String firstId) {
    return pane + "|" + firstId;
  }

  boolean isEmpty() {
    return keys.length == 0;
  }

  void add(long pane, String key) {
    panes = Arrays.copyOf(panes, panes.length + 1);
    panes[panes.length - 1] = pane;
    keys = Arrays.copyOf(keys, keys.length + 1);
    keys[keys.length - 1] = key;
  }

  /** Removes the chunks of the panes before {@code firstKept} from the index; their keys. */
  List<String> removeBefore(long firstKept) {
    List<String> removed = new ArrayList<>();
    int kept = 0;
    for (int i = 0; i < keys.length; i++) {
      if (panes[i] < firstKept) {
        removed.add(keys[i]);
      } else {
        panes[kept] = panes[i];
        keys[kept] = keys[i];
        kept++;
      }
    }
    if (!removed.isEmpty()) {
      panes = Arrays.copyOf(panes, kept);
      keys = Arrays.copyOf(keys, kept);
    }
    return removed;
  }

  public long[] getPanes() {
    return panes;
  }

  public void setPanes(long[] panes) {
    this.panes = panes;
  }

  public String[] getKeys() {
    return keys;
  }

  public void setKeys(String[] keys) {
    this.keys = keys;
  }
}
