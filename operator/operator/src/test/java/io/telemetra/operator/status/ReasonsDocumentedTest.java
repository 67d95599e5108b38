package io.telemetra.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** docs/operations.md explains every condition reason the operator can report. */
class ReasonsDocumentedTest {

  static final Path OPERATIONS = Path.of("../../docs/operations.md");

  @ParameterizedTest
  @EnumSource(Reason.class)
  void operationsMdHasARowFor(Reason reason) throws Exception {
    assertThat(Files.readString(OPERATIONS))
        .as("docs/operations.md explains reason %s in its reasons table", reason)
        .contains("| `" + reason.name() + "` |");
  }
}
