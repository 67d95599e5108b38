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

  public String[] getIds() {
    return ids;
  }

  public void setIds(String[] ids) {
    this.ids = ids;
  }
}
