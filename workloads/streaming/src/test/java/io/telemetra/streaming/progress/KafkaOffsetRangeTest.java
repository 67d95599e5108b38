package io.telemetra.streaming.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KafkaOffsetRangeTest {

  @Test
  void aBatchThatReadItsWholeRangeLostNothing() {
    assertThat(
            KafkaOffsetRange.unread(
                "{\"t\":{\"0\":10,\"1\":5}}", "{\"t\":{\"0\":30,\"1\":8}}", 23, Set.of()))
        .map(KafkaOffsetRange.Unread::total)
        .hasValue(0L);
  }

  @Test
  void recordsOfTheRangeTheBatchDidNotReadWereLost() {
    String start = "{\"a\":{\"0\":100,\"1\":100},\"b\":{\"0\":0}}";
    String end = "{\"a\":{\"0\":250,\"1\":120},\"b\":{\"0\":40}}";

    assertThat(KafkaOffsetRange.unread(start, end, 60, Set.of()))
        .hasValue(new KafkaOffsetRange.Unread(150 + 20 + 40 - 60, 0, List.of()));
  }

  @Test
  void aPartitionWhoseOffsetsWentBackHadItsLogReplacedAndWhatTheNewLogHeldIsSkipped() {
    // t/0 went from 250 back to 12 (topic recreated): Spark resumes at 12, the 12 are never read
    assertThat(KafkaOffsetRange.unread("{\"t\":{\"0\":250}}", "{\"t\":{\"0\":12}}", 0, Set.of()))
        .hasValue(new KafkaOffsetRange.Unread(0, 12, List.of("t/0 (went from 250 back to 12)")));
  }

  @Test
  void aPartitionThatWentBackDoesNotHideAnotherPartitionsLoss() {
    // t/1 lost 100 records to retention; t/0 went back by 238: both count
    String start = "{\"t\":{\"0\":250,\"1\":100}}";
    String end = "{\"t\":{\"0\":12,\"1\":300}}";

    assertThat(KafkaOffsetRange.unread(start, end, 100, Set.of()))
        .hasValue(new KafkaOffsetRange.Unread(100, 12, List.of("t/0 (went from 250 back to 12)")));
  }

  @Test
  void aReplacedTopicWhoseNewLogReachesPastTheCheckpointHadItsRecordsBelowItSkipped() {
    // t was created again and already holds more than the checkpoint read of the old t: nothing
    // goes back, Spark reads t/0 from 250 and t/1 from 100 of the new logs; only the topic's new
    // id tells that the 250 + 100 records below were never read
    String start = "{\"t\":{\"0\":250,\"1\":100},\"u\":{\"0\":7}}";
    String end = "{\"t\":{\"0\":400,\"1\":40,\"2\":30},\"u\":{\"0\":9}}";

    assertThat(KafkaOffsetRange.unread(start, end, 0, Set.of())).isEmpty();
    assertThat(KafkaOffsetRange.unread(start, end, 150 + 30 + 2, Set.of("t")))
        .as("t/0 read from 250, t/1 (new end 40) from 40, t/2 (new) from 0, u as usual")
        .hasValue(
            new KafkaOffsetRange.Unread(
                0,
                250 + 40,
                List.of(
                    "t/0 (a new topic id; read from offset 250)",
                    "t/1 (a new topic id; read from offset 40)")));
  }

  @Test
  void withoutAStartOrWithANewPartitionNothingCanBeTold() {
    assertThat(KafkaOffsetRange.unread(null, "{\"t\":{\"0\":30}}", 0, Set.of())).isEmpty();
    assertThat(KafkaOffsetRange.unread("null", "{\"t\":{\"0\":30}}", 0, Set.of())).isEmpty();
    assertThat(
            KafkaOffsetRange.unread("{\"t\":{\"0\":3}}", "{\"t\":{\"0\":30,\"1\":4}}", 0, Set.of()))
        .as("partition 1 is new: where it started is unknown")
        .isEmpty();
    assertThat(KafkaOffsetRange.unread("not json", "{\"t\":{\"0\":30}}", 0, Set.of())).isEmpty();
  }

  @Test
  void theTopicsOfABatchsOffsets() {
    assertThat(KafkaOffsetRange.topics("{\"b\":{\"0\":1},\"a\":{\"0\":2}}"))
        .containsExactly("a", "b");
    assertThat(KafkaOffsetRange.topics(null)).isEmpty();
  }

  @Test
  void theSumOfABatchsEndOffsetsIsEverythingReadUpToThem() {
    assertThat(KafkaOffsetRange.sum("{\"a\":{\"0\":250,\"1\":120},\"b\":{\"0\":40}}"))
        .hasValue(410);
    assertThat(KafkaOffsetRange.sum(null)).isEmpty();
    assertThat(KafkaOffsetRange.sum("{\"a\":{\"0\":\"x\"}}")).isEmpty();
  }
}
