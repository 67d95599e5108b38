package io.telemetra.operator.cluster;

import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.Postgres;
import java.nio.file.Path;

/**
 * Kafka and PostgreSQL for the cluster's pipelines, running on the node as the project's embedded
 * parts, bound to the node's address (pods reach them through the Services of
 * manifests/node-services.yaml). PostgreSQL lets pods in only with the password of the Secret.
 */
final class NodeInfrastructure implements AutoCloseable {

  static final int KAFKA_PORT = 19092;
  static final int POSTGRES_PORT = 15433;

  private final KafkaBroker kafka;
  private final Postgres postgres;

  private NodeInfrastructure(KafkaBroker kafka, Postgres postgres) {
    this.kafka = kafka;
    this.postgres = postgres;
  }

  static NodeInfrastructure start(Path dataDir, String postgresPassword) {
    KafkaBroker kafka =
        KafkaBroker.on(dataDir.resolve("kafka"), LocalCluster.NODE_IP, KAFKA_PORT, KAFKA_PORT + 1);
    Postgres postgres =
        Postgres.on(dataDir.resolve("postgres"), POSTGRES_PORT)
            .allowingNetwork(LocalCluster.NODE_IP, "10.244.0.0/16", postgresPassword);
    kafka.start();
    postgres.start();
    return new NodeInfrastructure(kafka, postgres);
  }

  KafkaBroker kafka() {
    return kafka;
  }

  Postgres postgres() {
    return postgres;
  }

  @Override
  public void close() {
    postgres.close();
    kafka.close();
  }
}
