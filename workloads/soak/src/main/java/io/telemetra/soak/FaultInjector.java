package io.telemetra.soak;

import io.telemetra.local.ChildJvm.ChildPart;
import io.telemetra.local.LocalPipeline;
import io.telemetra.local.RunningPart;

/** Does to the running pipeline what a {@link FaultKind} says, and undoes it. */
final class FaultInjector {

  private final LocalPipeline pipeline;

  FaultInjector(LocalPipeline pipeline) {
    this.pipeline = pipeline;
  }

  void strike(FaultKind kind) {
    switch (kind) {
      case STREAMING_SIGKILL -> sigkill(LocalPipeline.STREAMING);
      case API_SIGKILL -> sigkill(LocalPipeline.API);
      case POSTGRES_STOP -> pipeline.postgres().stop();
      case KAFKA_STOP -> pipeline.broker().stop();
      case REDIS_STOP ->
          pipeline
              .redis()
              .orElseThrow(() -> new IllegalStateException("the pipeline runs no Redis"))
              .stop();
    }
  }

  void undo(FaultKind kind) {
    switch (kind) {
      case POSTGRES_STOP -> pipeline.postgres().start();
      case KAFKA_STOP -> pipeline.broker().start();
      default -> throw new IllegalArgumentException(kind + " is not undone by the harness");
    }
  }

  /** SIGKILL, as the OOM killer or a node failure would: the runner notices and restarts it. */
  private void sigkill(String name) {
    RunningPart part =
        pipeline.part(name).orElseThrow(() -> new IllegalStateException(name + " is not running"));
    ((ChildPart) part).process().kill();
  }
}
