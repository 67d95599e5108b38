package io.telemetra.operator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rendered Helm chart is accepted by a real API server, and its RBAC is what the operator
 * needs.
 */
class HelmChartIT {

  @RegisterExtension static final RealApiServer API = new RealApiServer();

  private static final Path CHART = OperatorChart.CHART;

  @BeforeAll
  static void chartExists() {
    assumeTrue(OperatorChart.exists(), "no chart in " + CHART);
  }

  @Test
  void theDefaultChartIsAcceptedByAServerSideDryRun() {
    String namespace = API.createNamespace("telemetra-system");

    List<HasMetadata> objects = render(namespace, t -> t);
    objects.addAll(chartCrds());
    objects.forEach(this::dryRunApply);

    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains(
            "CustomResourceDefinition",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service");
  }

  @Test
  void aChartWatchingListedNamespacesGetsRolesOnlyThereAndIsAccepted() {
    String namespace = API.createNamespace("telemetra-system");
    String teamA = API.createNamespace("team-a");
    String teamB = API.createNamespace("team-b");

    List<HasMetadata> objects =
        render(namespace, t -> t.set("watchNamespaces[0]", teamA).set("watchNamespaces[1]", teamB));
    objects.forEach(this::dryRunApply);

    assertThat(objects)
        .filteredOn(o -> "Role".equals(o.getKind()))
        .extracting(o -> o.getMetadata().getNamespace())
        .contains(teamA, teamB);
    assertThat(objects)
        .filteredOn(o -> "ClusterRole".equals(o.getKind()))
        .extracting(o -> o.getMetadata().getName())
        .allMatch(name -> name.endsWith("-crd-reader"));
  }

  @Test
  void theChartsServiceAccountMayReconcilePipelinesButNeverWriteSecrets() {
    String namespace = API.createNamespace("telemetra-system");
    String pipelines = API.createNamespace("pipelines");
    String user = OperatorChart.installIdentity(API.client(), namespace);

    for (String[] allowed :
        new String[][] {
          {"telemetra.io", "telemetrapipelines", "watch"},
          {"telemetra.io", "telemetrapipelines", "patch"},
          {"telemetra.io", "telemetrapipelines/status", "patch"},
          {"telemetra.io", "telemetrapipelines/finalizers", "update"},
          {"apps", "deployments", "create"},
          {"apps", "deployments", "patch"},
          {"", "services", "create"},
          {"", "configmaps", "update"},
          {"policy", "poddisruptionbudgets", "delete"},
          {"sparkoperator.k8s.io", "sparkapplications", "create"},
          {"sparkoperator.k8s.io", "sparkapplications", "watch"},
          {"", "secrets", "get"},
          {"", "secrets", "watch"},
          {"", "pods", "list"},
          {"", "pods", "delete"},
          {"", "events", "create"}
        }) {
      assertThat(allowed(user, pipelines, allowed[0], allowed[1], allowed[2]))
          .as("%s may %s %s", user, allowed[2], allowed[1])
          .isTrue();
    }
    assertThat(allowed(user, namespace, "coordination.k8s.io", "leases", "update")).isTrue();
    assertThat(allowed(user, null, "apiextensions.k8s.io", "customresourcedefinitions", "get"))
        .isTrue();

    assertThat(allowed(user, pipelines, "", "secrets", "create")).isFalse();
    assertThat(allowed(user, pipelines, "", "secrets", "update")).isFalse();
    assertThat(allowed(user, pipelines, "", "pods", "create")).isFalse();
    assertThat(allowed(user, null, "apiextensions.k8s.io", "customresourcedefinitions", "update"))
        .isFalse();
  }

  private List<HasMetadata> render(String namespace, UnaryOperator<TemplateCommand> values) {
    List<HasMetadata> objects = OperatorChart.render(API.client(), namespace, values);
    assertThat(objects).as("rendered chart").isNotEmpty();
    return objects;
  }

  private void dryRunApply(HasMetadata object) {
    API.client()
        .resource(object)
        .dryRun()
        .fieldValidation(Validation.STRICT)
        .fieldManager("helm")
        .forceConflicts()
        .serverSideApply();
  }

  private static List<HasMetadata> chartCrds() {
    try (Stream<Path> files = Files.list(CHART.resolve("crds"))) {
      List<HasMetadata> crds = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          crds.addAll(API.client().load(in).items());
        }
      }
      return crds;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean allowed(
      String user, String namespace, String group, String resource, String verb) {
    KubernetesClient client = API.client();
    String[] parts = resource.split("/", 2);
    SubjectAccessReview review =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(user)
            .withGroups("system:serviceaccounts")
            .withNewResourceAttributes()
            .withNamespace(namespace)
            .withGroup(group)
            .withResource(parts[0])
            .withSubresource(parts.length > 1 ? parts[1] : null)
            .withVerb(verb)
            .endResourceAttributes()
            .endSpec()
            .build();
    return client
        .authorization()
        .v1()
        .subjectAccessReview()
        .create(review)
        .getStatus()
        .getAllowed();
  }
}
