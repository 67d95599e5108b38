package io.telemetra.operator.it;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** charts/telemetra-operator rendered by the real Helm engine (helm-java), and its identity. */
public final class OperatorChart {

  public static final Path CHART = RepoRoot.resolve("charts/telemetra-operator");
  public static final String RELEASE = "telemetra";

  private static final Set<String> CLUSTER_SCOPED =
      Set.of("ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "Namespace");
  private static final Set<String> IDENTITY =
      Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

  private OperatorChart() {}

  /** Whether the chart is in the repository. */
  public static boolean exists() {
    return Files.isRegularFile(CHART.resolve("Chart.yaml"));
  }

  /** {@code helm template} into {@code namespace}; every namespaced object gets the namespace. */
  public static List<HasMetadata> render(
      KubernetesClient client, String namespace, UnaryOperator<TemplateCommand> values) {
    String yaml =
        values.apply(new Helm(CHART).template().withName(RELEASE).withNamespace(namespace)).call();
    List<HasMetadata> objects =
        new ArrayList<>(
            client.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items());
    for (HasMetadata o : objects) {
      if (o.getMetadata().getNamespace() == null && !CLUSTER_SCOPED.contains(o.getKind())) {
        o.getMetadata().setNamespace(namespace);
      }
    }
    return objects;
  }

  /**
   * Installs the chart's ServiceAccount and RBAC (default values) for real into {@code namespace}
   * and returns the ServiceAccount's user name.
   */
  public static String installIdentity(KubernetesClient client, String namespace) {
    List<HasMetadata> objects = render(client, namespace, t -> t);
    String serviceAccount = null;
    for (HasMetadata o : objects) {
      if (IDENTITY.contains(o.getKind())) {
        client.resource(o).fieldManager("helm").forceConflicts().serverSideApply();
      }
      if ("ServiceAccount".equals(o.getKind())) {
        serviceAccount = o.getMetadata().getName();
      }
    }
    if (serviceAccount == null) {
      throw new IllegalStateException("the chart renders no ServiceAccount");
    }
    return "system:serviceaccount:" + namespace + ":" + serviceAccount;
  }

  /** {@code config} acting as the ServiceAccount {@code user}, as the operator's pod would. */
  public static Config impersonating(Config config, String user) {
    String namespace = user.split(":")[2];
    config.setImpersonateUsername(user);
    config.setImpersonateGroups(
        "system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
    return config;
  }
}
