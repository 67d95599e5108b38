package io.telemetra.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CrdReferenceTest {

  @Test
  void theCrdReferenceInDocsMatchesTheCommittedCrd() throws Exception {
    String generated = CrdReference.generate(CrdSchema.CRD);
    if (Boolean.getBoolean("telemetra.docs.update")) {
      Files.writeString(CrdReference.DOC, generated);
    }

    assertThat(CrdReference.DOC)
        .as(
            "docs/crd-reference.md is stale: regenerate with"
                + " ./mvnw -B -pl charts test -Dtest=CrdReferenceTest -Dtelemetra.docs.update=true")
        .exists();
    assertThat(Files.readString(CrdReference.DOC)).isEqualTo(generated);
  }

  @Test
  void theReferenceDocumentsEveryFieldWithItsDescriptionAndRules() throws Exception {
    String generated = CrdReference.generate(CrdSchema.CRD);

    assertThat(generated)
        .contains("| `spec.kafka.bootstrapServers` **required** | string |")
        .contains("`spec.deletionPolicy`")
        .contains("one of Delete, Retain")
        .contains("rule: kafka.topicPrefix is immutable")
        .contains("`status.conditions[].reason`")
        .doesNotContain("|  |  |  |  |");
  }
}
