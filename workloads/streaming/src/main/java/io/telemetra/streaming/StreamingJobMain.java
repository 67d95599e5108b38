package io.telemetra.streaming;

import io.telemetra.streaming.config.StreamingSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for spark-submit, the Spark operator and the local runner. Takes no arguments: all
 * settings come from the environment (docs/streaming.md). Runs until a query fails (exit 1) or the
 * process is asked to stop (SIGTERM stops the queries cleanly).
 */
public final class StreamingJobMain {

  /** Printed once both queries run; supervisors wait for it. */
  public static final String READY_LINE = "telemetra-streaming started";

  private static final Logger LOG = LoggerFactory.getLogger(StreamingJobMain.class);

  private StreamingJobMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      System.err.println(
          "telemetra-streaming takes no arguments; configure it with environment variables"
              + " (see docs/streaming.md)");
      System.exit(2);
    }
    StreamingSettings settings = StreamingSettings.fromEnvironment(System.getenv());
    LOG.info("Starting with {}", settings);
    RunningJob job = StreamingJob.start(settings);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> job.stop(Duration.ofSeconds(20)), "stop-streaming"));
    System.out.println(READY_LINE);
    System.out.flush();
    try {
      job.awaitAnyTermination();
    } catch (Exception e) {
      LOG.error("Streaming query failed", e);
      System.exit(1);
    }
  }
}
