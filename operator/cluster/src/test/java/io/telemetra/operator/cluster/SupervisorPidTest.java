package io.telemetra.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node scripts signal the processes named in their pid files. A pid file outlives its process
 * (a reboot, a killed session) and the kernel reuses the number: CI once had its own process group
 * terminated by node-down reading a stale file. A pid counts only while it is still the supervisor
 * of that part of that cluster.
 */
class SupervisorPidTest {

  private static final Path SUPERVISOR_SH =
      Path.of(System.getProperty("telemetra.repo.root", "../.."))
          .toAbsolutePath()
          .normalize()
          .resolve("operator/cluster/bin/supervisor.sh");

  @TempDir Path dir;

  @Test
  void aStalePidFileNamingSomeoneElsesProcessIsNotTheSupervisor() throws Exception {
    Process stranger = new ProcessBuilder("sleep", "60").start();
    try {
      writePidFile("etcd", stranger.pid());
      assertThat(supervisorPid("etcd")).isEmpty();
    } finally {
      stranger.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void theSupervisorOfThePartIsFound() throws Exception {
    Path script = dir.resolve("cmd/etcd.sh");
    Files.createDirectories(script.getParent());
    Files.writeString(script, "exec sleep 60\n");
    Process supervisor =
        new ProcessBuilder(
                "bash",
                "-c",
                "while :; do bash \"$1\"; sleep 2; done",
                "supervise",
                script.toString())
            .start();
    try {
      writePidFile("etcd", supervisor.pid());
      assertThat(supervisorPid("etcd")).isEqualTo(Long.toString(supervisor.pid()));
      assertThat(supervisorPid("kubelet")).as("another part's file is absent").isEmpty();
    } finally {
      supervisor.descendants().forEach(ProcessHandle::destroyForcibly);
      supervisor.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private void writePidFile(String part, long pid) throws Exception {
    Files.createDirectories(dir.resolve("pids"));
    Files.writeString(dir.resolve("pids/" + part + ".pid"), pid + "\n");
  }

  private String supervisorPid(String part) throws Exception {
    Process p =
        new ProcessBuilder(
                List.of(
                    "bash",
                    "-c",
                    "DIR=\"$1\"; source \"$2\"; supervisor_pid \"$3\" || true",
                    "check",
                    dir.toString(),
                    SUPERVISOR_SH.toString(),
                    part))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
