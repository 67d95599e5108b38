package io.telemetra.operator.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** The kubectl that .ci/build-kube-binaries built beside kube-apiserver, run against one server. */
public final class Kubectl {

  private final Path kubeconfig;

  Kubectl(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** The binary: {@code $KUBE_API_TEST_DIR/k8s/<version>-linux-<arch>/kubectl}. */
  public static Path binary() {
    String dir = System.getenv("KUBE_API_TEST_DIR");
    Path home =
        dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".kubeapitest");
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    arch =
        arch.equals("x86_64") || arch.equals("amd64")
            ? "amd64"
            : arch.equals("aarch64") ? "arm64" : arch;
    String os =
        System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("mac")
            ? "darwin"
            : "linux";
    return home.resolve("k8s")
        .resolve(RealApiServer.VERSION + "-" + os + "-" + arch)
        .resolve("kubectl");
  }

  /** Runs kubectl with {@code args}; returns stdout, or throws with stderr if it exits non-zero. */
  public String run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(binary().toString());
    command.add("--kubeconfig=" + kubeconfig);
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("kubectl", ".out");
      Path err = Files.createTempFile("kubectl", ".err");
      try {
        Process process =
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("kubectl timed out: " + command);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          throw new KubectlFailed(
              process.exitValue(), stdout + Files.readString(err, StandardCharsets.UTF_8));
        }
        return stdout;
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + command, e);
    }
  }

  /** kubectl exited non-zero; the message holds its output. */
  public static final class KubectlFailed extends RuntimeException {
    private final int exitCode;

    KubectlFailed(int exitCode, String output) {
      super("kubectl exited " + exitCode + ": " + output);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }
}
