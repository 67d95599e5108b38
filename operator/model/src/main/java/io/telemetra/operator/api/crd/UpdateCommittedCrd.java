package io.telemetra.operator.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes every committed file derived from the generated CRD, in one step: {@code crds/} (what
 * {@code kubectl apply} takes), the Helm chart's {@code crds/} (what Helm and Argo CD install from
 * git) and docs/crd-reference.md. They are committed because users install from a checkout; the
 * build's tests (GeneratedCrdTest, HelmChartTest, CrdReferenceTest) fail when any of them differs
 * from what the model generates, and name {@link #COMMAND}.
 */
public final class UpdateCommittedCrd {

  /** The one command that regenerates all of them. */
  public static final String COMMAND = "./mvnw -pl operator/model -Pupdate-crds process-classes";

  /** Where the CRD is committed, relative to the repository root. */
  public static final List<String> CRD_DIRECTORIES =
      List.of("crds", "charts/telemetra-operator/crds");

  private UpdateCommittedCrd() {}

  /** {@code args[0]}: the generated CRD file; {@code args[1]}: the repository root. */
  public static void main(String[] args) throws IOException {
    Path generated = Path.of(args[0]);
    Path root = Path.of(args[1]);
    String fileName = generated.getFileName().toString();
    for (String directory : CRD_DIRECTORIES) {
      Files.copy(
          generated,
          Files.createDirectories(root.resolve(directory)).resolve(fileName),
          StandardCopyOption.REPLACE_EXISTING);
    }
    JsonNode crd = new ObjectMapper(new YAMLFactory()).readTree(generated.toFile());
    Files.writeString(root.resolve(CrdReference.DOC), CrdReference.markdown(crd, fileName));
  }
}
