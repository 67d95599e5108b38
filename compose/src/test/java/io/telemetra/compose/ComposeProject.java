package io.telemetra.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The compose folder as compose sees it: the YAML with merge keys applied, and .env.example. */
final class ComposeProject {

  private static final Pattern ENV_LINE = Pattern.compile("^([A-Z][A-Z0-9_]*)=(.*)$");

  final Path dir;
  final String text;
  final JsonNode model;

  private ComposeProject(Path dir, String text, JsonNode model) {
    this.dir = dir;
    this.text = text;
    this.model = model;
  }

  static ComposeProject load() throws IOException {
    Path dir = repositoryRoot().resolve("compose");
    String text = Files.readString(dir.resolve("docker-compose.yml"));
    // SnakeYAML resolves YAML merge keys (<<) the way compose does; Jackson's parser does not.
    Object raw = new Yaml().load(text);
    return new ComposeProject(dir, text, new ObjectMapper().valueToTree(raw));
  }

  /**
   * The repository root: the nearest ancestor of the working directory holding compose/ and
   * charts/.
   */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("compose"))
          && Files.isDirectory(dir.resolve("workloads"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("No repository root above " + Path.of("").toAbsolutePath());
  }

  /** Variables and their example values as documented in .env.example. */
  Map<String, String> documentedVariables() throws IOException {
    Map<String, String> variables = new LinkedHashMap<>();
    try (Stream<String> lines = Files.lines(dir.resolve(".env.example"))) {
      lines.forEach(
          line -> {
            Matcher m = ENV_LINE.matcher(line);
            if (m.matches()) {
              variables.put(m.group(1), m.group(2));
            }
          });
    }
    return variables;
  }

  /** The comment lines directly above a variable in .env.example. */
  String commentAbove(String variable) throws IOException {
    String[] lines = Files.readString(dir.resolve(".env.example")).split("\n");
    StringBuilder comment = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(variable + "=")) {
        for (int j = i - 1;
            j >= 0 && lines[j].startsWith("#") && !lines[j].startsWith("# ---");
            j--) {
          comment.insert(0, lines[j]);
        }
      }
    }
    return comment.toString();
  }
}
