package io.telemetra.soak.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointProgressTest {

  @Test
  void countsTheOffsetsOfTheNewestCommittedBatchNotOfABatchStillRunning(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("offsets"));
    Files.createDirectories(dir.resolve("commits"));
    write(dir, "offsets/0", "{\"telemetra.events.chat\":{\"0\":10,\"1\":5}}");
    write(
        dir,
        "offsets/9",
        "{\"telemetra.events.chat\":{\"0\":100,\"1\":50},\"telemetra.events.viewer\":{\"0\":7}}");
    write(dir, "offsets/10", "{\"telemetra.events.chat\":{\"0\":900,\"1\":900}}");
    Files.writeString(dir.resolve("commits/0"), "v1\n{}\n");
    Files.writeString(dir.resolve("commits/9"), "v1\n{}\n");

    assertThat(new CheckpointProgress(dir).committedRecords()).contains(157L);
  }

  @Test
  void nothingBeforeTheFirstCommit(@TempDir Path dir) {
    assertThat(new CheckpointProgress(dir).committedRecords()).isEmpty();
  }

  private static void write(Path dir, String name, String sources) throws Exception {
    Files.writeString(
        dir.resolve(name),
        "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1,\"conf\":{}}\n" + sources + "\n");
  }
}
