package io.telemetra.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.telemetra.operator.api.crd.CrdReference;
import io.telemetra.operator.api.crd.UpdateCommittedCrd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CrdReferenceTest {

  static final Path DOC = RepoPaths.resolve(CrdReference.DOC);

  static String generated() throws IOException {
    return CrdReference.markdown(
        new ObjectMapper(new YAMLFactory()).readTree(CrdSchema.CRD.toFile()),
        CrdSchema.CRD.getFileName().toString());
  }

  @Test
  void theCrdReferenceInDocsMatchesTheCommittedCrd() throws Exception {
    assertThat(DOC)
        .as("docs/crd-reference.md is stale: regenerate with %s", UpdateCommittedCrd.COMMAND)
        .exists();
    assertThat(Files.readString(DOC)).isEqualTo(generated());
  }

  @Test
  void theReferenceDocumentsEveryFieldWithItsDescriptionAndRules() throws Exception {
    assertThat(generated())
        .contains("| `spec.kafka.bootstrapServers` **required** | string |")
        .contains("`spec.deletionPolicy`")
        .contains("one of Delete, Retain")
        .contains("rule: kafka.topicPrefix is immutable")
        .contains("`status.conditions[].reason`")
        .doesNotContain("|  |  |  |  |");
  }
}
