package io.telemetra.operator.cluster;

import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.Postgres;
import java.nio.file.Path;

/**
 * Kafka and PostgreSQL for the cluster's pipelines, running on the node as the project's embedded
 * parts, and an S3-compatible store for checkpoints, all bound to the node's address (pods reach
 * them through the Services of manifests/node-services.yaml). PostgreSQL and S3 let pods in only
 * with the credentials of the Secrets.
 */
final class NodeInfrastructure implements AutoCloseable {

  static final int KAFKA_PORT = 19092;
  static final int POSTGRES_PORT = 15433;

  private final KafkaBroker kafka;
  private final Postgres postgres;
  private final ObjectStore objectStore;

  private NodeInfrastructure(KafkaBroker kafka, Postgres postgres, ObjectStore objectStore) {
    this.kafka = kafka;
    this.postgres = postgres;
    this.objectStore = objectStore;
  }

  static NodeInfrastructure start(Path dataDir, String postgresPassword) {
    KafkaBroker kafka =
        KafkaBroker.on(dataDir.resolve("kafka"), LocalCluster.NODE_IP, KAFKA_PORT, KAFKA_PORT + 1);
    Postgres postgres =
        Postgres.on(dataDir.resolve("postgres"), POSTGRES_PORT)
            .allowingNetwork(LocalCluster.NODE_IP, "10.244.0.0/16", postgresPassword);
    kafka.start();
    postgres.start();
    return new NodeInfrastructure(kafka, postgres, ObjectStore.start(dataDir.resolve("s3")));
  }

  KafkaBroker kafka() {
    return kafka;
  }

  Postgres postgres() {
    return postgres;
  }

  ObjectStore objectStore() {
    return objectStore;
  }

  @Override
  public void close() {
    objectStore.close();
    postgres.close();
    kafka.close();
  }
}
