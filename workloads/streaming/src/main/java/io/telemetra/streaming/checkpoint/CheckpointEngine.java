package io.telemetra.streaming.checkpoint;

import io.telemetra.streaming.config.WindowEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The windows engine whose state a windows-query checkpoint holds. The engines keep different
 * state, so a checkpoint is resumed by the engine that wrote it, whatever {@code WINDOW_ENGINE}
 * says now; a new checkpoint (the first start, a reset) gets the configured one. Told from the
 * operator metadata Spark writes beside the state of the query's first stateful operator: {@code
 * transformWithStateExec} is the panes engine, any other state the explode.
 */
public final class CheckpointEngine {

  private static final String PANES_OPERATOR = "\"operatorName\":\"transformWithStateExec\"";

  private CheckpointEngine() {}

  /** The engine that wrote {@code windowsCheckpoint}'s state, or empty if it holds none yet. */
  public static Optional<WindowEngine> writtenTo(String windowsCheckpoint, Configuration hadoop) {
    Path state = new Path(new Path(windowsCheckpoint, "state"), "0");
    try {
      FileSystem fs = state.getFileSystem(hadoop);
      if (!fs.exists(state)) {
        return Optional.empty();
      }
      Path metadata = new Path(state, "_metadata");
      if (fs.exists(metadata)) {
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(metadata, true);
        while (files.hasNext()) {
          LocatedFileStatus file = files.next();
          if (file.getLen() < 1 << 20 && !file.getPath().getName().endsWith(".crc")) {
            try (InputStream in = fs.open(file.getPath())) {
              String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
              if (text.contains(PANES_OPERATOR)) {
                return Optional.of(WindowEngine.PANES);
              }
            }
          }
        }
      }
      return Optional.of(WindowEngine.EXPLODE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the checkpoint " + windowsCheckpoint, e);
    }
  }
}
