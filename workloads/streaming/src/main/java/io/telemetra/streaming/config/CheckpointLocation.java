package io.telemetra.streaming.config;

import java.nio.file.Paths;
import org.apache.hadoop.fs.Path;

/**
 * Where the queries keep their checkpoints: a Hadoop URI ({@code s3a://bucket/prefix}, {@code
 * hdfs://namenode/dir}, {@code file:///dir}) or a plain local path. Each query's checkpoint is a
 * child named after it. A plain path is made absolute against the working directory, so a relative
 * default keeps working for the local runner.
 */
public final class CheckpointLocation {

  private CheckpointLocation() {}

  /** The checkpoint of {@code query} under {@code location}. */
  public static String of(String location, String query) {
    return new Path(base(location), query).toString();
  }

  /** {@code location} as a Hadoop path, a plain path made absolute. */
  public static Path base(String location) {
    Path base = new Path(location);
    if (base.toUri().getScheme() == null) {
      base = new Path(Paths.get(location).toAbsolutePath().normalize().toString());
    }
    return base;
  }
}
