package io.telemetra.streaming.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KafkaOffsetRangeTest {

  @Test
  void aBatchThatReadItsWholeRangeLostNothing() {
    assertThat(
            KafkaOffsetRange.unread("{\"t\":{\"0\":10,\"1\":5}}", "{\"t\":{\"0\":30,\"1\":8}}", 23))
        .map(KafkaOffsetRange.Unread::total)
        .hasValue(0L);
  }

  @Test
  void recordsOfTheRangeTheBatchDidNotReadWereLost() {
    String start = "{\"a\":{\"0\":100,\"1\":100},\"b\":{\"0\":0}}";
    String end = "{\"a\":{\"0\":250,\"1\":120},\"b\":{\"0\":40}}";

    assertThat(KafkaOffsetRange.unread(start, end, 60))
        .hasValue(new KafkaOffsetRange.Unread(150 + 20 + 40 - 60, 0, List.of()));
  }

  @Test
  void aPartitionWhoseOffsetsWentBackHadItsLogReplacedAndWhatTheNewLogHeldIsSkipped() {
    // t/0 went from 250 back to 12 (topic recreated): Spark resumes at 12, the 12 are never read
    assertThat(KafkaOffsetRange.unread("{\"t\":{\"0\":250}}", "{\"t\":{\"0\":12}}", 0))
        .hasValue(new KafkaOffsetRange.Unread(0, 12, List.of("t/0 went from 250 back to 12")));
  }

  @Test
  void aPartitionThatWentBackDoesNotHideAnotherPartitionsLoss() {
    // t/1 lost 100 records to retention; t/0 went back by 238: both count
    String start = "{\"t\":{\"0\":250,\"1\":100}}";
    String end = "{\"t\":{\"0\":12,\"1\":300}}";

    assertThat(KafkaOffsetRange.unread(start, end, 100))
        .hasValue(new KafkaOffsetRange.Unread(100, 12, List.of("t/0 went from 250 back to 12")));
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

  @Test
  void theSumOfABatchsEndOffsetsIsEverythingReadUpToThem() {
    assertThat(KafkaOffsetRange.sum("{\"a\":{\"0\":250,\"1\":120},\"b\":{\"0\":40}}"))
        .hasValue(410);
    assertThat(KafkaOffsetRange.sum(null)).isEmpty();
    assertThat(KafkaOffsetRange.sum("{\"a\":{\"0\":\"x\"}}")).isEmpty();
  }
}
