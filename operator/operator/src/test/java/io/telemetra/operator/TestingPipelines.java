package io.telemetra.operator;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Pipelines for tests, built from the checked-in examples so the examples are exercised too. */
public final class TestingPipelines {

  public static final String POSTGRES_PASSWORD = "pg-secret-value-4711";
  public static final String API_TOKEN = "api-token-value-0815";

  private TestingPipelines() {}

  /** examples/{file} in {@code namespace}. */
  public static TelemetraPipeline example(String file, String namespace) {
    try {
      TelemetraPipeline p =
          Serialization.unmarshal(
              Files.readString(Path.of("../../examples", file)), TelemetraPipeline.class);
      p.getMetadata().setNamespace(namespace);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** examples/basic.yaml pointed at the given Kafka and Postgres. */
  public static TelemetraPipeline basic(
      String name, String namespace, String bootstrapServers, String pgHost, int pgPort) {
    TelemetraPipeline p = example("basic.yaml", namespace);
    p.getMetadata().setName(name);
    p.getSpec().getKafka().setBootstrapServers(bootstrapServers);
    p.getSpec().getKafka().setTopicPrefix(name + ".events");
    p.getSpec().getPostgres().setHost(pgHost);
    p.getSpec().getPostgres().setPort(pgPort);
    return p;
  }

  /** The Postgres credentials Secret examples/basic.yaml references. */
  public static Secret postgresSecret(String namespace, String user) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("telemetra-postgres")
        .withNamespace(namespace)
        .endMetadata()
        .withStringData(Map.of("username", user, "password", POSTGRES_PASSWORD))
        .build();
  }

  /** The API token Secret examples/basic.yaml references. */
  public static Secret apiTokenSecret(String namespace) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName("telemetra-api")
        .withNamespace(namespace)
        .endMetadata()
        .withStringData(Map.of("token", API_TOKEN))
        .build();
  }
}
