package io.telemetra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.KubeAPITestException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real kube-apiserver + etcd per test class (kube-api-test, offline mode) with crds/*.yml and the
 * upstream SparkApplication CRD installed and Established. Register as a static field with
 * {@code @RegisterExtension}.
 *
 * <p>Only the API server runs: no controller manager (so no garbage collection of owned objects, no
 * namespace deletion, no Deployment status), no kubelet, no Spark operator.
 */
public final class RealApiServer implements BeforeAllCallback, AfterAllCallback {

  /** The Kubernetes version of .ci/build-kube-binaries (K8S_VERSION). */
  public static final String VERSION = "1.34.4";

  /** Name of our CRD (crds/). */
  public static final String PIPELINE_CRD = "telemetrapipelines.telemetra.io";

  /** Name of the upstream SparkApplication CRD. */
  public static final String SPARK_APPLICATION_CRD = "sparkapplications.sparkoperator.k8s.io";

  private static final Logger LOG = LoggerFactory.getLogger(RealApiServer.class);
  private static final AtomicInteger NAMESPACES = new AtomicInteger();

  private KubeAPIServer server;
  private String kubeConfigYaml;
  private KubernetesClient client;
  private Path kubeconfigFile;
  private final List<String> installedCrds = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    long started = System.nanoTime();
    server = startServer();
    kubeConfigYaml = server.getKubeConfigYaml();
    client = newClient();
    kubeconfigFile = Files.createTempFile("kubeconfig", ".yaml");
    Files.writeString(kubeconfigFile, kubeConfigYaml);
    installCrds();
    LOG.info(
        "kube-apiserver {} ready with {} CRDs in {} ms",
        VERSION,
        installedCrds.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /**
   * A started API server. kube-api-test picks free ports and etcd binds them a moment later; once
   * in CI etcd died at start (the port taken in between, it seems) and the API server never became
   * ready: one fresh start is tried before giving up.
   */
  private static KubeAPIServer startServer() {
    for (int attempt = 1; ; attempt++) {
      KubeAPIServer started =
          new KubeAPIServer(
              KubeAPIServerConfigBuilder.anAPIServerConfig()
                  .withOfflineMode(true)
                  .withApiServerVersion(VERSION)
                  .build());
      try {
        started.start();
        return started;
      } catch (KubeAPITestException e) {
        try {
          started.stop();
        } catch (RuntimeException alreadyGone) {
          LOG.debug("stopping the failed API server: {}", alreadyGone.getMessage());
        }
        if (attempt == 2) {
          throw e;
        }
        LOG.warn("kube-apiserver did not start ({}); starting a fresh one", e.getMessage());
      }
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.stop();
    }
    if (kubeconfigFile != null) {
      Files.deleteIfExists(kubeconfigFile);
    }
  }

  /** A client of the test class's server (closed with the server). */
  public KubernetesClient client() {
    return client;
  }

  /** A fresh client configuration for this server, e.g. for an operator under test. */
  public Config config() {
    return Config.fromKubeconfig(kubeConfigYaml);
  }

  /** A new client of this server; the caller closes it. */
  public KubernetesClient newClient() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  /** A kubeconfig file for this server (deleted with the server). */
  public Path kubeconfig() {
    return kubeconfigFile;
  }

  /** kubectl (built with the server) configured for this server. */
  public Kubectl kubectl() {
    return new Kubectl(kubeconfigFile);
  }

  /** Names of the CRDs installed before the first test. */
  public List<String> installedCrds() {
    return List.copyOf(installedCrds);
  }

  /** Creates a namespace with a unique name starting with prefix (namespaces are never deleted). */
  public String createNamespace(String prefix) {
    String name = prefix + "-" + NAMESPACES.incrementAndGet();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
    return name;
  }

  private void installCrds() {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> crds = Files.list(RepoRoot.resolve("crds"))) {
      crds.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new IllegalStateException("cannot list crds/", e);
    }
    files.add(RepoRoot.sparkApplicationCrd());
    for (Path file : files) {
      for (HasMetadata item : load(file)) {
        assertThat(item)
            .as("%s holds only CRDs", file)
            .isInstanceOf(CustomResourceDefinition.class);
        client.resource(item).create();
        installedCrds.add(item.getMetadata().getName());
      }
    }
    assertThat(installedCrds)
        .as("CRDs found in %s and the upstream SparkApplication CRD", RepoRoot.resolve("crds"))
        .contains(PIPELINE_CRD, SPARK_APPLICATION_CRD);
    for (String name : installedCrds) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .withName(name)
          .waitUntilCondition(RealApiServer::isEstablished, 30, TimeUnit.SECONDS);
    }
  }

  private List<HasMetadata> load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return client.load(in).items();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static boolean isEstablished(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
