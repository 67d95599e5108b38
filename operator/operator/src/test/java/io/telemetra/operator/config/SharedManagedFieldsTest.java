package io.telemetra.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedManagedFieldsTest {

  private final KubernetesSerialization serialization =
      OperatorClient.builder().build().getKubernetesSerialization();

  @Test
  void objectsManagedAlikeShareOneTreeOfManagedFields() {
    Deployment first = serialization.unmarshal(deployment("a"), Deployment.class);
    Deployment second = serialization.unmarshal(deployment("b"), Deployment.class);

    assertThat(spec(second)).isSameAs(spec(first));
    assertThat(first.getMetadata().getName()).isEqualTo("a");
    assertThat(second.getMetadata().getName()).isEqualTo("b");
  }

  @Test
  void equalSubtreesAreSharedAcrossDifferentTrees() {
    Deployment deployment = serialization.unmarshal(deployment("a"), Deployment.class);
    Deployment other =
        serialization.unmarshal(
            deployment("b").replace("\"f:replicas\": {},", "\"f:paused\": {},"), Deployment.class);

    assertThat(spec(other)).isNotSameAs(spec(deployment)).isNotEqualTo(spec(deployment));
    assertThat(spec(other).get("f:template")).isSameAs(spec(deployment).get("f:template"));
  }

  @Test
  void theSharedTreesCannotBeChanged() {
    Map<String, Object> spec = spec(serialization.unmarshal(deployment("a"), Deployment.class));

    assertThatThrownBy(() -> spec.put("f:paused", Map.of()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void managedFieldsReadBackAsTheyWereWritten() throws Exception {
    String json = deployment("a");
    Deployment read = serialization.unmarshal(json, Deployment.class);

    ObjectMapper plain = new ObjectMapper();
    assertThat(plain.readTree(serialization.asJson(read))).isEqualTo(plain.readTree(json));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Deployment deployment) {
    return (Map<String, Object>)
        deployment
            .getMetadata()
            .getManagedFields()
            .get(0)
            .getFieldsV1()
            .getAdditionalProperties()
            .get("f:spec");
  }

  private static String deployment(String name) {
    return """
        {
          "apiVersion": "apps/v1",
          "kind": "Deployment",
          "metadata": {
            "name": "%s",
            "namespace": "default",
            "managedFields": [{
              "manager": "telemetrapipelinereconciler",
              "operation": "Apply",
              "apiVersion": "apps/v1",
              "fieldsType": "FieldsV1",
              "fieldsV1": {
                "f:metadata": {"f:labels": {"f:app.kubernetes.io/name": {}}},
                "f:spec": {
                  "f:replicas": {},
                  "f:template": {
                    "f:spec": {
                      "f:containers": {
                        "k:{\\"name\\":\\"api\\"}": {
                          ".": {},
                          "f:env": {
                            "k:{\\"name\\":\\"A\\"}": {".": {}, "f:name": {}, "f:value": {}},
                            "k:{\\"name\\":\\"B\\"}": {".": {}, "f:name": {}, "f:value": {}}
                          },
                          "f:image": {},
                          "f:name": {}
                        }
                      }
                    }
                  }
                }
              }
            }]
          },
          "spec": {"replicas": 2}
        }
        """
        .formatted(name);
  }
}
