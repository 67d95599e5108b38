package io.telemetra.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OperationsDocTest {

  static final Path REASONS =
      RepoPaths.resolve("operator/operator/src/main/java/io/telemetra/operator/status/Reason.java");

  @Test
  void everyConditionReasonTheOperatorCanReportIsExplainedInOperationsMd() throws Exception {
    assumeTrue(Files.isRegularFile(REASONS), "Assumes the operator's Reason enum at " + REASONS);
    List<String> reasons = new ArrayList<>();
    Matcher m =
        Pattern.compile("(?m)^\\s+([A-Z][A-Za-z]+)\\((?:true|false)\\)[,;]")
            .matcher(Files.readString(REASONS));
    while (m.find()) {
      reasons.add(m.group(1));
    }
    String operations = Files.readString(RepoPaths.resolve("docs/operations.md"));

    assertThat(reasons).contains("AllPartsReady", "KafkaUnavailable");
    for (String reason : reasons) {
      assertThat(operations)
          .as("docs/operations.md explains reason %s", reason)
          .contains("| `" + reason + "` |");
    }
  }
}
