package io.telemetra.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local image builder executes the published Dockerfiles, so the images the cluster tier runs
 * cannot drift from them: every Dockerfile must use only instructions it executes and a base it
 * stands in for; anything else fails here, before any cluster is involved.
 */
class ImageBuilderTest {

  private static final Path REPO =
      Path.of(System.getProperty("telemetra.repo.root", "../..")).toAbsolutePath().normalize();

  @Test
  void everyPublishedDockerfileIsExecutedByTheLocalBuilderOnItsLocalBase() {
    String plan =
        Processes.run(
            List.of(
                "python3", REPO.resolve("operator/cluster/bin/build-images").toString(), "check"),
            Duration.ofMinutes(1));

    assertThat(plan.lines())
        .containsExactlyInAnyOrder(
            "operator: FROM jre17 + 8 steps",
            "producer: FROM jre17 + 6 steps",
            "streaming: FROM spark + 6 steps",
            "api: FROM jre17 + 7 steps",
            "pause (cluster tier only): FROM None + 3 steps",
            "crash-at-start (cluster tier only): FROM jre17 + 2 steps");
  }

  @Test
  void aDockerfileWithAnInstructionTheBuilderDoesNotExecuteIsRefused() throws Exception {
    Path dir = Files.createTempDirectory("dockerfile");
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(
        dockerfile, "FROM eclipse-temurin:17.0.16_8-jre-noble\nHEALTHCHECK CMD true\n");
    String out =
        runExpectingFailure(
            List.of(
                "python3",
                REPO.resolve("operator/cluster/bin/build-images").toString(),
                "check-file",
                dockerfile.toString()));
    assertThat(out).contains("instructions the local builder does not execute: ['HEALTHCHECK']");
  }

  @Test
  void aDockerfileOnABaseWithoutALocalStandInIsRefused() throws Exception {
    Path dir = Files.createTempDirectory("dockerfile");
    Path dockerfile = dir.resolve("Dockerfile");
    Files.writeString(dockerfile, "FROM eclipse-temurin:21-jre\nUSER 10001\n");
    String out =
        runExpectingFailure(
            List.of(
                "python3",
                REPO.resolve("operator/cluster/bin/build-images").toString(),
                "check-file",
                dockerfile.toString()));
    assertThat(out).contains("FROM eclipse-temurin:21-jre has no local base");
  }

  private static String runExpectingFailure(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isNotZero();
    return out;
  }
}
