package io.telemetra.streaming.sink;

import io.telemetra.streaming.ingest.EventRows;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Shrinks one partition of decoded rows to what the ingest sink needs on the driver, in a single
 * pass without a shuffle: transactions, stream metadata and rejected records as they are, and per
 * stream one {@value #LAST_EVENT} row carrying the partition's latest event time.
 */
final class DriverRows implements MapPartitionsFunction<Row, Row> {

  static final String LAST_EVENT = "last_event";

  private static final long serialVersionUID = 1L;

  @Override
  public Iterator<Row> call(Iterator<Row> rows) {
    List<Row> out = new ArrayList<>();
    Map<String, Timestamp> latest = new HashMap<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      String kind = r.getString(EventRows.KIND);
      if (!EventRows.REJECTED.equals(kind)) {
        Timestamp ts = r.getTimestamp(EventRows.TS);
        latest.merge(r.getString(EventRows.STREAM_ID), ts, (a, b) -> a.after(b) ? a : b);
      }
      if (!EventRows.CHAT.equals(kind) && !EventRows.VIEWER.equals(kind)) {
        out.add(r);
      }
    }
    latest.forEach(
        (stream, ts) -> {
          Object[] f = new Object[EventRows.SCHEMA.size()];
          f[EventRows.KIND] = LAST_EVENT;
          f[EventRows.STREAM_ID] = stream;
          f[EventRows.TS] = ts;
          out.add(RowFactory.create(f));
        });
    return out.iterator();
  }
}
