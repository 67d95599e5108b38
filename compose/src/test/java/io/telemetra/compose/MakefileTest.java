package io.telemetra.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MakefileTest {

  static final Path ROOT = ComposeProject.repositoryRoot();

  @Test
  void theSeedsShortcutsAllExistAndDryRunCleanly() throws Exception {
    assumeTrue(onPath("make"), "Assumes GNU make on the PATH");
    List<String> seedShortcuts =
        List.of(
            "setup",
            "build",
            "up",
            "up-full",
            "down",
            "restart",
            "logs",
            "logs-api",
            "ps",
            "health-check",
            "test",
            "test-integration",
            "kafka-topics",
            "kafka-consume",
            "db-shell",
            "redis-shell",
            "clean",
            "clean-volumes",
            "clean-all",
            "local");

    for (String target : seedShortcuts) {
      Process make =
          new ProcessBuilder("make", "-n", target)
              .directory(ROOT.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(make.waitFor()).as("make -n %s:%n%s", target, output).isZero();
      assertThat(output).as("make -n %s does something", target).isNotBlank();
    }
  }

  @Test
  void everyTargetIsListedByMakeHelp() throws IOException {
    String makefile = Files.readString(ROOT.resolve("Makefile"));
    List<String> phony = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^([a-z][a-z%-]*):").matcher(makefile);
    while (m.find()) {
      phony.add(m.group(1));
    }
    for (String target : phony) {
      assertThat(makefile)
          .as("target %s has a ## description", target)
          .containsPattern("(?m)^" + Pattern.quote(target) + ":.*## .+$");
    }
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
