package io.telemetra.streaming.ingest;

import static org.apache.spark.sql.types.DataTypes.BinaryType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;

/**
 * The row shape of one decoded Kafka record: a valid event of one of the four kinds (with the
 * fields of its kind set, the others null) or a rejected record carrying its original bytes and
 * dead-letter headers.
 */
public final class EventRows {

  public static final String CHAT = "chat";
  public static final String VIEWER = "viewer";
  public static final String TRANSACTION = "transaction";
  public static final String STREAM_META = "stream_meta";
  public static final String REJECTED = "rejected";

  /** Amounts: at most 10^15 with 8 decimal places fit; a sum of them stays exact in (38, 8). */
  public static final DecimalType AMOUNT_TYPE = DataTypes.createDecimalType(28, 8);

  public static final StructType HEADER =
      new StructType().add("key", StringType, false).add("value", BinaryType, true);

  public static final StructType SCHEMA =
      new StructType()
          .add("kind", StringType, false)
          .add("event_id", StringType, true)
          .add("stream_id", StringType, true)
          .add("ts", TimestampType, true)
          .add("user_id", StringType, true)
          .add("sentiment", DoubleType, true)
          .add("sentiment_label", IntegerType, true)
          .add("viewer_count", LongType, true)
          .add("tx_type", StringType, true)
          .add("amount", AMOUNT_TYPE, true)
          .add("currency", StringType, true)
          .add("status", StringType, true)
          .add("title", StringType, true)
          .add("category", StringType, true)
          .add("streamer", StringType, true)
          .add("key", BinaryType, true)
          .add("value", BinaryType, true)
          .add("dlq_headers", new ArrayType(HEADER, false), true)
          .add("reason", StringType, true);

  // Positions of the fields in SCHEMA, for the hot paths that build and read rows by index.
  public static final int KIND = SCHEMA.fieldIndex("kind");
  public static final int EVENT_ID = SCHEMA.fieldIndex("event_id");
  public static final int STREAM_ID = SCHEMA.fieldIndex("stream_id");
  public static final int TS = SCHEMA.fieldIndex("ts");
  public static final int USER_ID = SCHEMA.fieldIndex("user_id");
  public static final int SENTIMENT = SCHEMA.fieldIndex("sentiment");
  public static final int SENTIMENT_LABEL = SCHEMA.fieldIndex("sentiment_label");
  public static final int VIEWER_COUNT = SCHEMA.fieldIndex("viewer_count");
  public static final int TX_TYPE = SCHEMA.fieldIndex("tx_type");
  public static final int AMOUNT = SCHEMA.fieldIndex("amount");
  public static final int CURRENCY = SCHEMA.fieldIndex("currency");
  public static final int STATUS = SCHEMA.fieldIndex("status");
  public static final int TITLE = SCHEMA.fieldIndex("title");
  public static final int CATEGORY = SCHEMA.fieldIndex("category");
  public static final int STREAMER = SCHEMA.fieldIndex("streamer");
  public static final int KEY = SCHEMA.fieldIndex("key");
  public static final int VALUE = SCHEMA.fieldIndex("value");
  public static final int DLQ_HEADERS = SCHEMA.fieldIndex("dlq_headers");
  public static final int REASON = SCHEMA.fieldIndex("reason");

  private EventRows() {}
}
