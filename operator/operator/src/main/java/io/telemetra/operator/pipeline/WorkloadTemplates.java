package io.telemetra.operator.pipeline;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.telemetra.operator.api.v1alpha1.TemplateMetadata;
import io.telemetra.operator.api.v1alpha1.TemplatePodSecurity;
import io.telemetra.operator.api.v1alpha1.WorkloadPodTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Adds a user's {@link WorkloadPodTemplate} to the pod template Telemetra generates for a workload.
 * Nothing of Telemetra's is replaced: its labels, annotations, environment, volumes and security
 * profile stay, and the user's additions come after them (the CRD refuses the names that would
 * collide). The result is what Kubernetes (Deployments) or spark-submit (driver and executors)
 * starts the pods from.
 */
public final class WorkloadTemplates {

  private WorkloadTemplates() {}

  /**
   * {@code generated} with {@code template} added; {@code container} names the workload's own
   * container, which receives the extra env, envFrom and volume mounts.
   */
  public static PodTemplateSpec withTemplate(
      PodTemplateSpec generated, String container, WorkloadPodTemplate template) {
    if (template == null) {
      return generated;
    }
    PodTemplateSpec pod = new PodTemplateSpecBuilder(generated).build();
    addMetadata(pod, template.getMetadata());
    PodSpec spec = pod.getSpec();
    setIfGiven(template.getNodeSelector(), spec::setNodeSelector);
    setIfGiven(template.getTolerations(), spec::setTolerations);
    setIfGiven(template.getAffinity(), spec::setAffinity);
    setIfGiven(template.getTopologySpreadConstraints(), spec::setTopologySpreadConstraints);
    setIfGiven(template.getPriorityClassName(), spec::setPriorityClassName);
    setIfGiven(template.getImagePullSecrets(), spec::setImagePullSecrets);
    addSecurity(spec, template.getSecurityContext());
    spec.setVolumes(appended(spec.getVolumes(), template.getVolumes()));
    for (Container c : spec.getContainers()) {
      if (c.getName().equals(container)) {
        c.setEnv(appended(c.getEnv(), template.getEnv()));
        c.setEnvFrom(appended(c.getEnvFrom(), template.getEnvFrom()));
        c.setVolumeMounts(appended(c.getVolumeMounts(), template.getVolumeMounts()));
      }
    }
    if (template.getSidecars() != null) {
      List<Container> containers = new ArrayList<>(spec.getContainers());
      template.getSidecars().stream().map(WorkloadTemplates::restricted).forEach(containers::add);
      spec.setContainers(containers);
    }
    return pod;
  }

  private static void addMetadata(PodTemplateSpec pod, TemplateMetadata added) {
    if (added == null) {
      return;
    }
    if (pod.getMetadata() == null) {
      pod.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
    }
    var metadata = pod.getMetadata();
    metadata.setLabels(underneath(metadata.getLabels(), added.getLabels()));
    metadata.setAnnotations(underneath(metadata.getAnnotations(), added.getAnnotations()));
  }

  /** User, group and volume-group ids; non-root and the seccomp profile stay as generated. */
  private static void addSecurity(PodSpec spec, TemplatePodSecurity added) {
    if (added == null) {
      return;
    }
    var security = new PodSecurityContextBuilder(spec.getSecurityContext());
    setIfGiven(added.getRunAsUser(), security::withRunAsUser);
    setIfGiven(added.getRunAsGroup(), security::withRunAsGroup);
    setIfGiven(added.getFsGroup(), security::withFsGroup);
    setIfGiven(added.getSupplementalGroups(), security::withSupplementalGroups);
    spec.setSecurityContext(security.build());
  }

  /** A sidecar without its own securityContext runs with the restricted one. */
  private static Container restricted(Container sidecar) {
    if (sidecar.getSecurityContext() != null) {
      return sidecar;
    }
    return new ContainerBuilder(sidecar).withSecurityContext(PodSecurity.container()).build();
  }

  /** {@code added}'s entries under {@code own}'s: on a shared key Telemetra's value stays. */
  private static Map<String, String> underneath(
      Map<String, String> own, Map<String, String> added) {
    if (added == null || added.isEmpty()) {
      return own;
    }
    Map<String, String> merged = new LinkedHashMap<>(added);
    if (own != null) {
      merged.putAll(own);
    }
    return merged;
  }

  private static <T> List<T> appended(List<T> own, List<T> added) {
    if (added == null || added.isEmpty()) {
      return own;
    }
    List<T> all = new ArrayList<>(own == null ? List.of() : own);
    all.addAll(added);
    return all;
  }

  private static <T> void setIfGiven(T value, Consumer<T> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }
}
