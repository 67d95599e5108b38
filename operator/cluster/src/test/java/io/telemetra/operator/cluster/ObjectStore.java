package io.telemetra.operator.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * An S3-compatible object store on the node for s3a:// checkpoints: SeaweedFS (built by
 * build-binaries from its Go module), one process, bound to the node's address, with one identity
 * whose keys reach the pipeline only through a Secret. Pods reach it through the {@code s3} Service
 * of manifests/node-services.yaml.
 */
final class ObjectStore implements AutoCloseable {

  static final int S3_PORT = 18333;
  static final int MASTER_PORT = 19333;
  static final int FILER_PORT = 18888;
  static final int VOLUME_PORT = 18080;
  static final String ACCESS_KEY_ID = "telemetra-e2e";

  private static final ObjectMapper JSON = new ObjectMapper();

  final String secretAccessKey = UUID.randomUUID().toString();
  private final Path dir;
  private Process process;

  private ObjectStore(Path dir) {
    this.dir = dir;
  }

  /** Starts the store in {@code dir}; returns once it accepts buckets. */
  static ObjectStore start(Path dir) {
    ObjectStore store = new ObjectStore(dir);
    store.launch();
    return store;
  }

  private void launch() {
    try {
      Files.createDirectories(dir.resolve("data"));
      Path identities = dir.resolve("s3.json");
      Files.writeString(
          identities,
          JSON.writeValueAsString(
              Map.of(
                  "identities",
                  List.of(
                      Map.of(
                          "name",
                          "telemetra",
                          "credentials",
                          List.of(Map.of("accessKey", ACCESS_KEY_ID, "secretKey", secretAccessKey)),
                          "actions",
                          List.of("Admin", "Read", "List", "Tagging", "Write"))))));
      String ip = LocalCluster.NODE_IP;
      ProcessBuilder builder =
          new ProcessBuilder(
                  LocalCluster.binary("weed").toString(),
                  "server",
                  "-dir=" + dir.resolve("data"),
                  "-ip=" + ip,
                  "-ip.bind=" + ip,
                  "-master.port=" + MASTER_PORT,
                  "-volume.port=" + VOLUME_PORT,
                  "-filer.port=" + FILER_PORT,
                  "-s3",
                  "-s3.port=" + S3_PORT,
                  "-s3.config=" + identities,
                  "-s3.port.iceberg=0",
                  "-s3.port.lance=0",
                  "-master.telemetry=false",
                  "-master.volumeSizeLimitMB=64",
                  "-volume.max=0",
                  "-volume.preStopSeconds=1")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("weed.log").toFile());
      // A run killed before close() left its store holding the ports: end it first.
      String mine = "-s3.config=" + identities;
      ProcessHandle.allProcesses()
          .filter(p -> p.info().arguments().map(a -> List.of(a).contains(mine)).orElse(false))
          .forEach(ProcessHandle::destroyForcibly);
      process = builder.start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a bucket, waiting for the store to be ready (its first start takes ~10-25 s). */
  void createBucket(String bucket) {
    await("bucket " + bucket + " created in SeaweedFS (log: " + dir.resolve("weed.log") + ")")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              shell("s3.bucket.create -name " + bucket);
              if (!shell("s3.bucket.list").contains(bucket)) {
                throw new AssertionError("no bucket " + bucket + " yet");
              }
            });
  }

  /** Names of the files and directories under a path of a bucket (the filer's listing). */
  List<String> list(String bucket, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://%s:%d/buckets/%s/%s/"
                                .formatted(LocalCluster.NODE_IP, FILER_PORT, bucket, path)))
                    .header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    List<String> names = new ArrayList<>();
    if (response.statusCode() == 200) {
      JsonNode entries = JSON.readTree(response.body()).path("Entries");
      entries.forEach(e -> names.add(e.path("FullPath").asText()));
    }
    return names;
  }

  private String shell(String command) {
    return Processes.run(
        List.of(
            "bash",
            "-c",
            "echo \"$1\" | \"$2\" shell -master=$3",
            "shell",
            command,
            LocalCluster.binary("weed").toString(),
            LocalCluster.NODE_IP + ":" + MASTER_PORT),
        Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        // Its filer waits ~15 s for the volume server on the way down.
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
