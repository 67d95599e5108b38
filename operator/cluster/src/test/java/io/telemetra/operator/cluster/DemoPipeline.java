package io.telemetra.operator.cluster;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo on the local cluster, set up as a user would: the operator installed from the chart with
 * Helm, a namespace prepared for Spark jobs, Secrets created with kubectl and
 * examples/demo-producer.yaml applied with kubectl (with this build's images).
 */
final class DemoPipeline {

  static final String NAMESPACE = "telemetra-dev";
  static final String NAME = "demo";

  final String postgresPassword = UUID.randomUUID().toString();
  final String apiToken = UUID.randomUUID().toString().replace("-", "");

  private final LocalCluster cluster;
  private final Path repo;
  private final Path out;
  private final String version;

  DemoPipeline(LocalCluster cluster, Path repo, Path out, String version) {
    this.cluster = cluster;
    this.repo = repo;
    this.out = out;
    this.version = version;
  }

  /** helm install of charts/telemetra-operator with the operator image of this build. */
  void installOperator() {
    new Helm(repo.resolve("charts/telemetra-operator"))
        .install()
        .withName("telemetra")
        .withNamespace("telemetra-system")
        .createNamespace()
        .withKubeConfig(cluster.kubeconfig())
        .set("image.repository", "docker.io/telemetra/operator")
        .set("image.tag", version)
        .set("leaderElection.enabled", "false")
        .waitReady()
        .withTimeout(300)
        .call();
  }

  /**
   * The namespace, what Spark jobs need in it, the node's Kafka and Postgres, the Secrets, and the
   * checkpoint claim of examples/dev-infra/checkpoints.yaml bound to a volume on the node.
   */
  void prepareNamespace() throws IOException {
    cluster.kubectl("create", "namespace", NAMESPACE);
    cluster.kubectl("-n", NAMESPACE, "apply", "-f", manifest("spark-job-namespace.yaml"));
    cluster.kubectl("-n", NAMESPACE, "apply", "-f", manifest("node-services.yaml"));
    createCheckpointVolume();
    cluster.kubectl("apply", "-f", repo.resolve("examples/dev-infra/checkpoints.yaml").toString());
    createSecret("telemetra-postgres", "username=postgres", "password=" + postgresPassword);
    createSecret("telemetra-api", "token=" + apiToken);
  }

  /** kubectl create secret generic NAME --from-literal=KEY=VALUE... in the demo's namespace. */
  private void createSecret(String name, String... literals) {
    List<String> command =
        new java.util.ArrayList<>(List.of("-n", NAMESPACE, "create", "secret", "generic", name));
    for (String literal : literals) {
      command.add("--from-literal=" + literal);
    }
    cluster.kubectl(command.toArray(String[]::new));
  }

  /** A volume on the node for the checkpoint claim, writable by Spark's user (185). */
  private void createCheckpointVolume() throws IOException {
    Path dir = cluster.volumeDirectory("demo-checkpoints");
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    cluster
        .client()
        .persistentVolumes()
        .resource(
            new PersistentVolumeBuilder()
                .withNewMetadata()
                .withName("telemetra-dev-demo-checkpoints")
                .endMetadata()
                .withNewSpec()
                .withCapacity(Map.of("storage", new Quantity("2Gi")))
                .withAccessModes("ReadWriteOnce")
                .withPersistentVolumeReclaimPolicy("Retain")
                .withNewHostPath()
                .withPath(dir.toString())
                .withType("Directory")
                .endHostPath()
                .withNewClaimRef()
                .withNamespace(NAMESPACE)
                .withName("demo-checkpoints")
                .endClaimRef()
                .endSpec()
                .build())
        .create();
  }

  /** kubectl apply of the demo pipeline; returns the manifest applied. */
  Path apply() throws IOException {
    Path manifest = manifest();
    cluster.kubectl("-n", NAMESPACE, "apply", "-f", manifest.toString());
    return manifest;
  }

  static final String CHECKPOINT_BUCKET = "telemetra-checkpoints";

  /**
   * kubectl apply of the demo pipeline with its checkpoints on the node's S3 store instead of the
   * volume claim: s3a://telemetra-checkpoints/demo, the keys in a Secret of their own.
   */
  void applyWithS3Checkpoints(ObjectStore store) throws IOException {
    store.createBucket(CHECKPOINT_BUCKET);
    createSecret(
        "telemetra-checkpoints-s3",
        "access-key-id=" + ObjectStore.ACCESS_KEY_ID,
        "secret-access-key=" + store.secretAccessKey);
    String yaml = Files.readString(manifest());
    String onClaim =
        "    checkpointLocation: file:///var/lib/telemetra/checkpoints\n"
            + "    checkpointVolumeClaim: demo-checkpoints\n";
    if (!yaml.contains(onClaim)) {
      throw new IllegalStateException("examples/demo-producer.yaml no longer says:\n" + onClaim);
    }
    yaml =
        yaml.replace(
            onClaim,
            "    checkpointLocation: s3a://"
                + CHECKPOINT_BUCKET
                + "/demo\n"
                + "    checkpointS3:\n"
                + "      endpoint: http://s3.telemetra-dev.svc:8333\n"
                + "      region: us-east-1\n"
                + "      pathStyleAccess: true\n"
                + "      credentialsSecretRef:\n"
                + "        name: telemetra-checkpoints-s3\n");
    Path file = out.resolve("demo-pipeline-s3.yaml").toAbsolutePath();
    Files.writeString(file, yaml);
    cluster.kubectl("-n", NAMESPACE, "apply", "-f", file.toString());
  }

  /** kubectl wait --for=condition=Ready on the pipeline. */
  void awaitReady(int timeoutSeconds) {
    cluster.kubectl(
        "-n",
        NAMESPACE,
        "wait",
        "--for=condition=Ready",
        "telemetrapipeline/" + NAME,
        "--timeout=" + timeoutSeconds + "s");
  }

  /** The API Service's address inside the cluster (reachable from the node through kube-proxy). */
  String apiBaseUri() {
    Service service =
        cluster.client().services().inNamespace(NAMESPACE).list().getItems().stream()
            .filter(s -> s.getMetadata().getName().startsWith(NAME + "-api"))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no API Service in " + NAMESPACE));
    return "http://"
        + service.getSpec().getClusterIP()
        + ":"
        + service.getSpec().getPorts().get(0).getPort();
  }

  /** examples/demo-producer.yaml with this build's images and CPU requests that fit two cores. */
  private Path manifest() throws IOException {
    String yaml = Files.readString(repo.resolve("examples/demo-producer.yaml"));
    for (String image : List.of("streaming", "api", "producer")) {
      yaml =
          yaml.replace(
              "ghcr.io/telemetra/" + image + ":0.1.0",
              "docker.io/telemetra/" + image + ":" + version);
    }
    // The node runs no Redis: the API serves from Postgres alone.
    yaml = yaml.replace("  redis:\n    host: redis.telemetra-dev.svc\n", "");
    yaml =
        yaml.replace(
            "    executor:\n",
            "    sparkConf:\n"
                + "      spark.kubernetes.driver.request.cores: \"250m\"\n"
                + "      spark.kubernetes.executor.request.cores: \"250m\"\n"
                + "    executor:\n");
    Files.createDirectories(out);
    Path file = out.resolve("demo-pipeline.yaml").toAbsolutePath();
    Files.writeString(file, yaml);
    return file;
  }

  private String manifest(String name) {
    return repo.resolve("operator/cluster/manifests/" + name).toAbsolutePath().toString();
  }
}
