package io.telemetra.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * The job's runtime classpath (what the image copies next to Spark) resolves {@code s3a://} to
 * hadoop-aws's S3AFileSystem, linked against the Hadoop client Spark ships and the AWS SDK bundle:
 * a checkpoint request reaches the configured endpoint over HTTP.
 */
class S3aCheckpointStoreTest {

  @Test
  void anS3aCheckpointIsServedByHadoopAwsAndGoesToTheConfiguredEndpoint() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Configuration conf = new Configuration();
    conf.set("fs.s3a.endpoint", "http://127.0.0.1:" + closedPort);
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.set("fs.s3a.path.style.access", "true");
    conf.set("fs.s3a.access.key", "telemetra");
    conf.set("fs.s3a.secret.key", "telemetra-secret");
    conf.set("fs.s3a.attempts.maximum", "0");
    conf.set("fs.s3a.retry.limit", "0");
    conf.set("fs.s3a.connection.establish.timeout", "2s");
    conf.setBoolean("fs.s3a.impl.disable.cache", true);
    String checkpoint = CheckpointLocation.of("s3a://checkpoints/pipeline-a", "ingest");

    try (FileSystem fs = FileSystem.get(URI.create(checkpoint), conf)) {
      assertThat(fs.getClass().getName()).isEqualTo("org.apache.hadoop.fs.s3a.S3AFileSystem");
      assertThat(fs.getUri()).isEqualTo(URI.create("s3a://checkpoints"));
      Throwable failure = catchThrowable(() -> fs.exists(new Path(checkpoint, "metadata")));
      assertThat(failure).isInstanceOf(IOException.class);
      assertThat(failure).hasStackTraceContaining("127.0.0.1:" + closedPort);
    }
  }
}
