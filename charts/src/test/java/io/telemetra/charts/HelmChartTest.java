package io.telemetra.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.telemetra.operator.api.crd.UpdateCommittedCrd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HelmChartTest {

  /** Every (apiGroup, resource) the operator may touch, and the verbs it may use on each. */
  static final Map<String, Set<String>> ALLOWED = new HashMap<>();

  static {
    Set<String> crud = Set.of("get", "list", "watch", "create", "update", "patch", "delete");
    ALLOWED.put(
        "telemetra.io/telemetrapipelines", Set.of("get", "list", "watch", "patch", "update"));
    ALLOWED.put("telemetra.io/telemetrapipelines/status", Set.of("get", "patch", "update"));
    ALLOWED.put("telemetra.io/telemetrapipelines/finalizers", Set.of("update"));
    ALLOWED.put("apps/deployments", crud);
    ALLOWED.put("/services", crud);
    ALLOWED.put("/configmaps", crud);
    ALLOWED.put("policy/poddisruptionbudgets", crud);
    ALLOWED.put("autoscaling/horizontalpodautoscalers", crud);
    ALLOWED.put("sparkoperator.k8s.io/sparkapplications", crud);
    // The operator reads the Secrets a pipeline names from its informer: it never writes one.
    ALLOWED.put("/secrets", Set.of("get", "list", "watch"));
    ALLOWED.put("/pods", Set.of("get", "list", "delete"));
    ALLOWED.put("/events", Set.of("create", "patch"));
    ALLOWED.put("events.k8s.io/events", Set.of("create", "patch"));
    ALLOWED.put("coordination.k8s.io/leases", Set.of("get", "create", "update", "patch"));
    ALLOWED.put("apiextensions.k8s.io/customresourcedefinitions", Set.of("get", "list"));
  }

  @Test
  void theChartPassesHelmLintStrict() {
    LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();

    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void theDefaultRenderHasTheOperatorItsAccountRbacAndMetricsServiceButNoServiceMonitor()
      throws Exception {
    RenderedChart chart = RenderedChart.render("");

    assertThat(chart.ofKind("ServiceAccount")).hasSize(1);
    assertThat(chart.ofKind("Deployment")).hasSize(1);
    assertThat(chart.ofKind("Service")).hasSize(1);
    assertThat(chart.ofKind("ClusterRole")).hasSize(2);
    assertThat(chart.ofKind("ClusterRoleBinding")).hasSize(2);
    assertThat(chart.ofKind("Role"))
        .extracting(r -> r.at("/metadata/name").asText())
        .containsExactly("telemetra-telemetra-operator-leader-election");
    assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
    assertThat(chart.env("WATCH_NAMESPACES")).isEmpty();
    assertThat(chart.env("LEADER_ELECTION_ENABLED")).isEqualTo("true");
    assertThat(chart.env("LOG_LEVEL")).isEqualTo("INFO");
    assertThat(chart.env("HEALTH_PORT")).isEqualTo("8081");
    assertThat(chart.env("LEADER_ELECTION_LEASE_NAME")).isEqualTo("telemetra-operator-lease");
    assertThat(chart.ofKind("Service").get(0).at("/spec/ports/0/targetPort").asText())
        .isEqualTo("health");
    assertThat(chart.operatorContainer().path("image").asText())
        .isEqualTo("ghcr.io/telemetra/operator:0.1.0");
  }

  @Test
  void theOperatorRunsNonRootReadOnlyWithoutPrivilegesUnderRuntimeDefaultSeccomp()
      throws Exception {
    RenderedChart chart = RenderedChart.render("");
    JsonNode pod = chart.deployment().at("/spec/template/spec/securityContext");
    JsonNode container = chart.operatorContainer().path("securityContext");

    assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.path("runAsUser").asInt()).isGreaterThan(0);
    assertThat(pod.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(container.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(container.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(container.path("privileged").asBoolean(true)).isFalse();
    assertThat(container.at("/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(container.at("/capabilities/add").isMissingNode()).isTrue();
    assertThat(chart.operatorContainer().at("/resources/limits/memory").asText()).isNotEmpty();
    assertThat(chart.operatorContainer().at("/resources/requests/cpu").asText()).isNotEmpty();
  }

  @Test
  void probesHitHealthzAndReadyzOnTheHealthPort8081() throws Exception {
    JsonNode container = RenderedChart.render("").operatorContainer();

    assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("health");
    JsonNode healthPort = null;
    for (JsonNode port : container.path("ports")) {
      if (port.path("name").asText().equals("health")) {
        healthPort = port;
      }
    }
    assertThat(healthPort).isNotNull();
    assertThat(healthPort.path("containerPort").asInt()).isEqualTo(8081);
  }

  @Test
  void rbacGrantsOnlyTheVerbsAndResourcesTheOperatorUsesWithoutWildcardsOrSecretWrites()
      throws Exception {
    for (String values : List.of("", "watchNamespaces: [team-a, team-b]\n")) {
      RenderedChart chart = RenderedChart.render(values);
      assertThat(chart.rules()).isNotEmpty();
      for (JsonNode rule : chart.rules()) {
        assertThat(rule.path("nonResourceURLs").isMissingNode()).isTrue();
        assertThat(rule.path("resourceNames").isMissingNode()).isTrue();
        for (JsonNode group : rule.path("apiGroups")) {
          assertThat(group.asText()).isNotEqualTo("*");
          for (JsonNode resource : rule.path("resources")) {
            String key = group.asText() + "/" + resource.asText();
            assertThat(ALLOWED).as("allowed resources").containsKey(key);
            for (JsonNode verb : rule.path("verbs")) {
              assertThat(ALLOWED.get(key)).as("verbs on %s", key).contains(verb.asText());
            }
          }
        }
      }
      Set<String> secretVerbs = verbsOn(chart, "/secrets");
      assertThat(secretVerbs).containsExactlyInAnyOrder("get", "list", "watch");
    }
  }

  @Test
  void nothingIsBoundToClusterAdminOrOtherBuiltInRoles() throws Exception {
    RenderedChart chart = RenderedChart.render("");
    List<JsonNode> bindings = new ArrayList<>(chart.ofKind("ClusterRoleBinding"));
    bindings.addAll(chart.ofKind("RoleBinding"));

    for (JsonNode binding : bindings) {
      String role = binding.at("/roleRef/name").asText();
      assertThat(role).startsWith("telemetra-telemetra-operator");
      assertThat(chart.find(binding.at("/roleRef/kind").asText(), role)).isPresent();
    }
  }

  @Test
  void watchingNamespacesGivesARolePerNamespaceAndNoClusterWidePipelineRights() throws Exception {
    RenderedChart chart = RenderedChart.render("watchNamespaces: [team-a, team-b]\n");

    assertThat(chart.env("WATCH_NAMESPACES")).isEqualTo("team-a,team-b");
    Set<String> roleNamespaces = new TreeSet<>();
    for (JsonNode role : chart.ofKind("Role")) {
      roleNamespaces.add(role.at("/metadata/namespace").asText());
    }
    assertThat(roleNamespaces).containsExactly("team-a", "team-b", RenderedChart.NAMESPACE);
    assertThat(chart.ofKind("RoleBinding")).hasSize(3);
    assertThat(chart.ofKind("ClusterRole")).hasSize(1);
    JsonNode clusterRole = chart.ofKind("ClusterRole").get(0);
    assertThat(clusterRole.path("rules")).hasSize(1);
    assertThat(clusterRole.at("/rules/0/resources/0").asText())
        .isEqualTo("customresourcedefinitions");
    assertThat(chart.ofKind("ClusterRoleBinding")).hasSize(1);
  }

  @Test
  void theServiceMonitorAppearsOnlyWhenEnabledAndCarriesItsLabels() throws Exception {
    RenderedChart chart =
        RenderedChart.render(
            "metrics:\n  enabled: true\n  serviceMonitor:\n    enabled: true\n"
                + "    labels: {release: prometheus}\n");

    assertThat(chart.ofKind("ServiceMonitor")).hasSize(1);
    JsonNode monitor = chart.ofKind("ServiceMonitor").get(0);
    assertThat(monitor.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo("metrics");
    JsonNode service = chart.ofKind("Service").get(0);
    assertThat(monitor.at("/spec/selector/matchLabels")).isEqualTo(service.at("/spec/selector"));

    RenderedChart noMetrics =
        RenderedChart.render("metrics:\n  enabled: false\n  serviceMonitor:\n    enabled: true\n");
    assertThat(noMetrics.ofKind("ServiceMonitor")).isEmpty();
    assertThat(noMetrics.ofKind("Service")).isEmpty();
  }

  @Test
  void thePrometheusRuleAlertsOnThePipelinesMetricsWithTheGivenThresholds() throws Exception {
    assertThat(RenderedChart.render("").ofKind("PrometheusRule")).isEmpty();
    RenderedChart chart =
        RenderedChart.render(
            "metrics:\n  enabled: true\n  prometheusRule:\n    enabled: true\n"
                + "    labels: {release: prometheus}\n    behindSeconds: 300\n"
                + "    additionalRules:\n      - alert: Mine\n        expr: vector(1)\n");

    JsonNode rule = chart.ofKind("PrometheusRule").get(0);
    assertThat(rule.at("/metadata/labels/release").asText()).isEqualTo("prometheus");
    Map<String, String> alerts = new java.util.LinkedHashMap<>();
    rule.at("/spec/groups/0/rules")
        .forEach(r -> alerts.put(r.path("alert").asText(), r.path("expr").asText()));
    assertThat(alerts)
        .containsOnlyKeys(
            "TelemetraPipelineNotReady",
            "TelemetraPipelineKafkaDataLoss",
            "TelemetraPipelineCheckpointReset",
            "TelemetraPipelineDeadLetters",
            "TelemetraPipelineBehind",
            "Mine");
    assertThat(alerts.get("TelemetraPipelineBehind"))
        .contains("telemetra_pipeline_newest_window_end_seconds > 300");
    assertThat(alerts.get("TelemetraPipelineDeadLetters")).endsWith("* 60 > 100");
    // every metric an alert reads is one the operator exports (Micrometer's dotted name)
    Path metrics =
        RepoPaths.resolve(
            "operator/operator/src/main/java/io/telemetra/operator/metrics/PipelineMetrics.java");
    assumeThat(metrics).as("Assumes the operator sources at %s", metrics).isRegularFile();
    String exported = Files.readString(metrics);
    for (String expr : alerts.values()) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("telemetra_pipeline_[a-z_]+").matcher(expr);
      while (m.find()) {
        assertThat(exported)
            .as("the operator exports %s", m.group())
            .contains('"' + m.group().replace('_', '.') + '"');
      }
    }
    assertThat(rule.at("/spec/groups/0/rules/0/annotations/summary").asText())
        .isEqualTo("TelemetraPipeline {{ $labels.namespace }}/{{ $labels.name }} is not Ready");
    assertThat(
            RenderedChart.render(
                    "metrics:\n  enabled: false\n  prometheusRule:\n    enabled: true\n")
                .ofKind("PrometheusRule"))
        .isEmpty();
  }

  @Test
  void nonDefaultValuesReachTheDeployment() throws Exception {
    RenderedChart chart =
        RenderedChart.render(
            "image: {repository: registry.example.com/telemetra/operator, tag: 1.2.3,"
                + " pullPolicy: Always}\n"
                + "replicaCount: 2\n"
                + "logLevel: DEBUG\n"
                + "leaderElection: {enabled: true, leaseName: my-lock}\n"
                + "health: {port: 9090}\n"
                + "reconcileThreads: 4\n"
                + "rateLimit: {reconcilesPerPipeline: 5, periodSeconds: 30}\n");

    assertThat(chart.operatorContainer().path("image").asText())
        .isEqualTo("registry.example.com/telemetra/operator:1.2.3");
    assertThat(chart.deployment().at("/spec/replicas").asInt()).isEqualTo(2);
    assertThat(chart.env("LOG_LEVEL")).isEqualTo("DEBUG");
    assertThat(chart.env("LEADER_ELECTION_LEASE_NAME")).isEqualTo("my-lock");
    assertThat(chart.env("HEALTH_PORT")).isEqualTo("9090");
    assertThat(chart.env("RECONCILE_THREADS")).isEqualTo("4");
    assertThat(chart.env("RATE_LIMIT_RECONCILES")).isEqualTo("5");
    assertThat(chart.env("RATE_LIMIT_PERIOD_SECONDS")).isEqualTo("30");
    assertThat(chart.operatorContainer().at("/ports/0/containerPort").asInt()).isEqualTo(9090);
    assertThat(chart.ofKind("Service").get(0).at("/spec/ports/0/port").asInt()).isEqualTo(9090);
  }

  @Test
  void withoutLeaderElectionThereIsNoLeaseRoleAndASecondReplicaIsRefused() throws Exception {
    RenderedChart chart = RenderedChart.render("leaderElection: {enabled: false}\n");
    assertThat(chart.ofKind("Role")).isEmpty();
    assertThat(verbsOn(chart, "coordination.k8s.io/leases")).isEmpty();

    assertThatThrownBy(
            () -> RenderedChart.render("leaderElection: {enabled: false}\nreplicaCount: 2\n"))
        .hasMessageContaining("leaderElection.enabled=true");
  }

  @Test
  void valuesOutsideTheSchemaAreRejected() {
    assertThatThrownBy(() -> RenderedChart.render("logLevel: LOUD\n"))
        .hasMessageContaining("logLevel");
    assertThatThrownBy(() -> RenderedChart.render("watchNamespace: [team-a]\n"))
        .hasMessageContaining("watchNamespace");
  }

  @Test
  void theChartsJavaOptionsDecideTheOperatorsHeapAndMatchTheImagesDefault() throws Exception {
    // The JVM reads JAVA_TOOL_OPTIONS before its command line: a heap flag in the image's
    // ENTRYPOINT would silently beat javaOptions (an image once pinned MaxRAMPercentage=75 there).
    List<String> dockerfile = Files.readAllLines(RepoPaths.resolve("operator/Dockerfile"));
    String entrypoint =
        dockerfile.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
    assertThat(entrypoint).doesNotContain("-XX:", "-Xmx", "-Xms");
    String imageDefault =
        dockerfile.stream()
            .filter(l -> l.startsWith("ENV JAVA_TOOL_OPTIONS="))
            .map(l -> l.substring("ENV JAVA_TOOL_OPTIONS=".length()).replace("\"", ""))
            .findFirst()
            .orElseThrow();

    assertThat(RenderedChart.render("").env("JAVA_TOOL_OPTIONS"))
        .isEqualTo(imageDefault)
        .contains("-XX:MaxRAMPercentage=");
    assertThat(RenderedChart.render("javaOptions: -Xmx300m\n").env("JAVA_TOOL_OPTIONS"))
        .isEqualTo("-Xmx300m");
  }

  @Test
  void everyVariableTheChartSetsIsReadByTheOperator() throws Exception {
    Path operator = RepoPaths.resolve("operator/operator/src/main");
    assumeThat(operator).as("Assumes the operator sources at %s", operator).isDirectory();
    StringBuilder sources = new StringBuilder();
    try (var files = Files.walk(operator)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        sources.append(Files.readString(file));
      }
    }
    List<String> variables = new ArrayList<>();
    RenderedChart.render("")
        .operatorContainer()
        .path("env")
        .forEach(env -> variables.add(env.path("name").asText()));
    assertThat(variables).contains("WATCH_NAMESPACES", "HEALTH_PORT", "LEADER_ELECTION_ENABLED");

    for (String variable : variables) {
      if (variable.equals("JAVA_TOOL_OPTIONS") || variable.equals("LOG_LEVEL")) {
        continue; // the JVM reads the first; the second is checked last
      }
      assertThat(sources.toString()).as("the operator reads %s", variable).contains(variable);
    }
    assumeThat(sources.toString())
        .as("Assumes the operator's log4j2.xml reads ${env:LOG_LEVEL} (requested of the operator)")
        .contains("LOG_LEVEL");
  }

  @Test
  void extraEnvMayReferenceASecretButNeverInlineOne() throws Exception {
    RenderedChart chart =
        RenderedChart.render(
            "extraEnv:\n  - name: HTTPS_PROXY_PASSWORD\n    valueFrom:\n      secretKeyRef:"
                + " {name: proxy, key: password}\n  - name: HTTPS_PROXY\n    value: http://proxy:3128\n");
    assertThat(chart.env("HTTPS_PROXY")).isEqualTo("http://proxy:3128");

    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    "extraEnv:\n  - name: HTTPS_PROXY_PASSWORD\n    value: hunter2\n"))
        .hasMessageContaining("extraEnv");
  }

  @Test
  void theChartInstallsExactlyTheCrdCommittedInCrds() throws Exception {
    Path committed = RepoPaths.resolve("crds/telemetrapipelines.telemetra.io-v1.yml");
    assumeThat(committed)
        .as("Assumes the operator's generated CRD at crds/ has been committed")
        .exists();

    Set<String> chartCrds = new HashSet<>();
    try (var files = Files.list(RenderedChart.CHART.resolve("crds"))) {
      files.forEach(f -> chartCrds.add(f.getFileName().toString()));
    }
    Set<String> repoCrds = new HashSet<>();
    try (var files = Files.list(committed.getParent())) {
      files.forEach(f -> repoCrds.add(f.getFileName().toString()));
    }
    assertThat(chartCrds).isEqualTo(repoCrds);
    for (String name : repoCrds) {
      assertThat(RenderedChart.CHART.resolve("crds").resolve(name))
          .as(
              "charts/telemetra-operator/crds/%s is the generated CRD, as crds/%s is: regenerate"
                  + " both with %s",
              name, name, UpdateCommittedCrd.COMMAND)
          .hasSameTextualContentAs(committed.getParent().resolve(name));
    }
  }

  private static Set<String> verbsOn(RenderedChart chart, String groupResource) {
    Set<String> verbs = new TreeSet<>();
    for (JsonNode rule : chart.rules()) {
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          if ((group.asText() + "/" + resource.asText()).equals(groupResource)) {
            rule.path("verbs").forEach(v -> verbs.add(v.asText()));
          }
        }
      }
    }
    return verbs;
  }
}
