package io.telemetra.streaming.window;

import java.io.Serializable;
import java.util.List;

/**
 * The ids of the events of one stream first seen in one pane in one batch: a chunk of what the
 * deduplication remembers, forgotten as a whole with its pane. A Java bean for Spark's encoder.
 */
public final class EventIds implements Serializable {

  private static final long serialVersionUID = 1L;

  private String[] ids = new String[0];

  static EventIds of(List<String> ids) {
    EventIds chunk = new EventIds();
    chunk.ids = ids.toArray(String[]::new);
    return chunk;
  }

  /** This chunk followed by {@code more}. */
  EventIds with(List<String> more) {
    EventIds grown = new EventIds();
    grown.ids = new String[ids.length + more.size()];
    System.arraycopy(ids, 0, grown.ids, 0, ids.length);
    for (int i = 0; i < more.size(); i++) {
      grown.ids[ids.length + i] = more.get(i);
    }
    return grown;
  }

  public String[] getIds() {
    return ids;
  }

  public void setIds(String[] ids) {
    this.ids = ids;
  }
}
