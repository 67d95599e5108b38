package io.telemetra.operator.topics;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A pipeline's Kafka topics: what the operator asks of Kafka ({@link KafkaTopics} is the real one).
 */
public interface TopicsService {

  /** What Kafka has of the desired topics, and the records in the event topics; never throws. */
  TopicsState observe();

  /**
   * Creates missing topics, grows partitions and sets retention; never shrinks or deletes. A {@code
   * PipelineProblem} when Kafka cannot be reached.
   */
  TopicsState apply();

  /** Deletes the pipeline's topics (deletionPolicy: Delete only). */
  void delete() throws ExecutionException, InterruptedException, TimeoutException;
}
