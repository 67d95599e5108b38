package io.telemetra.streaming.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KafkaOffsetRangeTest {

  @Test
  void aBatchThatReadItsWholeRangeLostNothing() {
    assertThat(
            KafkaOffsetRange.unread("{\"t\":{\"0\":10,\"1\":5}}", "{\"t\":{\"0\":30,\"1\":8}}", 23))
        .hasValue(0);
  }

  @Test
  void recordsOfTheRangeTheBatchDidNotReadWereLost() {
    String start = "{\"a\":{\"0\":100,\"1\":100},\"b\":{\"0\":0}}";
    String end = "{\"a\":{\"0\":250,\"1\":120},\"b\":{\"0\":40}}";

    assertThat(KafkaOffsetRange.unread(start, end, 60)).hasValue(150 + 20 + 40 - 60);
  }

  @Test
  void withoutAStartOrWithANewPartitionNothingCanBeTold() {
    assertThat(KafkaOffsetRange.unread(null, "{\"t\":{\"0\":30}}", 0)).isEmpty();
    assertThat(KafkaOffsetRange.unread("null", "{\"t\":{\"0\":30}}", 0)).isEmpty();
    assertThat(KafkaOffsetRange.unread("{\"t\":{\"0\":3}}", "{\"t\":{\"0\":30,\"1\":4}}", 0))
        .as("partition 1 is new: where it started is unknown")
        .isEmpty();
    assertThat(KafkaOffsetRange.unread("not json", "{\"t\":{\"0\":30}}", 0)).isEmpty();
  }
}
