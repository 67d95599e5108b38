package io.telemetra.operator.pipeline;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/** The "restricted" Pod Security Standard, as pod- and container-level security contexts. */
public final class PodSecurity {

  private PodSecurity() {}

  public static PodSecurityContext pod() {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  public static SecurityContext container() {
    return new SecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withAllowPrivilegeEscalation(false)
        .withReadOnlyRootFilesystem(true)
        .withNewCapabilities()
        .withDrop("ALL")
        .endCapabilities()
        .withNewSeccompProfile()
        .withType("RuntimeDefault")
        .endSeccompProfile()
        .build();
  }

  /** Spark writes scratch data under its root filesystem, so only that stays writable. */
  public static SecurityContext sparkContainer() {
    return new SecurityContextBuilder(container()).withReadOnlyRootFilesystem(false).build();
  }

  /** The writable /tmp of a container whose root filesystem is read-only: an emptyDir volume. */
  public static Volume tmpVolume() {
    return new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build();
  }

  /** Where a container mounts {@link #tmpVolume()}. */
  public static VolumeMount tmpMount() {
    return new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build();
  }
}
