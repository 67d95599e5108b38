package io.telemetra.soak.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How many records a streaming query has committed, read from its Spark checkpoint: the Kafka
 * offsets of the newest batch in {@code commits/} (as recorded in {@code offsets/}), summed over
 * all partitions. This is what the job has consumed for good: a batch killed before its commit is
 * read again after a restart.
 */
public final class CheckpointProgress {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path queryCheckpoint;

  public CheckpointProgress(Path queryCheckpoint) {
    this.queryCheckpoint = queryCheckpoint;
  }

  /** Records committed so far, or empty before the first commit. */
  public Optional<Long> committedRecords() {
    Optional<Long> batch = newestBatch(queryCheckpoint.resolve("commits"));
    if (batch.isEmpty()) {
      return Optional.empty();
    }
    Path offsets = queryCheckpoint.resolve("offsets").resolve(Long.toString(batch.get()));
    try {
      List<String> lines = Files.readAllLines(offsets, StandardCharsets.UTF_8);
      long total = 0;
      // line 0: version, line 1: batch metadata, then one JSON object per source
      for (String line : lines.subList(Math.min(2, lines.size()), lines.size())) {
        JsonNode source = JSON.readTree(line);
        for (JsonNode partitions : (Iterable<JsonNode>) source::elements) {
          for (JsonNode offset : (Iterable<JsonNode>) partitions::elements) {
            total += offset.asLong();
          }
        }
      }
      return Optional.of(total);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> newestBatch(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d+"))
          .map(Long::parseLong)
          .max(Long::compare);
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
