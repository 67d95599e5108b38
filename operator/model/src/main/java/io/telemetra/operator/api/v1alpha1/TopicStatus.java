package io.telemetra.operator.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** One Kafka topic as found on the cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TopicStatus {

  @JsonPropertyDescription("Topic name.")
  private String name;

  @JsonPropertyDescription("Current number of partitions.")
  private Integer partitions;

  public TopicStatus() {}

  public TopicStatus(String name, Integer partitions) {
    this.name = name;
    this.partitions = partitions;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TopicStatus t
        && Objects.equals(name, t.name)
        && Objects.equals(partitions, t.partitions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, partitions);
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getPartitions() {
    return partitions;
  }

  public void setPartitions(Integer partitions) {
    this.partitions = partitions;
  }
}
