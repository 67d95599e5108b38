package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/**
 * The pod security settings a user may choose; everything else stays on the "restricted" Pod
 * Security Standard (non-root, no privilege escalation, all capabilities dropped, RuntimeDefault
 * seccomp), which these cannot weaken.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TemplatePodSecurity {

  @Min(1)
  @Max(2147483647)
  @JsonPropertyDescription("UID the containers run as (never 0: the pods run as non-root).")
  private Long runAsUser;

  @Min(0)
  @Max(2147483647)
  @JsonPropertyDescription("GID the containers run as.")
  private Long runAsGroup;

  @Min(0)
  @Max(2147483647)
  @JsonPropertyDescription("Group owning mounted volumes.")
  private Long fsGroup;

  @Size(max = 32)
  @JsonPropertyDescription("Additional groups of the containers' first process.")
  private List<Long> supplementalGroups;

  public Long getRunAsUser() {
    return runAsUser;
  }

  public void setRunAsUser(Long runAsUser) {
    this.runAsUser = runAsUser;
  }

  public Long getRunAsGroup() {
    return runAsGroup;
  }

  public void setRunAsGroup(Long runAsGroup) {
    this.runAsGroup = runAsGroup;
  }

  public Long getFsGroup() {
    return fsGroup;
  }

  public void setFsGroup(Long fsGroup) {
    this.fsGroup = fsGroup;
  }

  public List<Long> getSupplementalGroups() {
    return supplementalGroups;
  }

  public void setSupplementalGroups(List<Long> supplementalGroups) {
    this.supplementalGroups = supplementalGroups;
  }
}
