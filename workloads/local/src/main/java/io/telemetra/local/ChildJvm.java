package io.telemetra.local;

import io.telemetra.embedded.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A command line for one part's JVM: its own classpath (or executable jar), JVM options and the
 * environment it is configured by (docs/configuration.md). The environment is set through {@code
 * env}, which also removes inherited variables that would point the part elsewhere; it holds no
 * secret values, only paths to secret files.
 */
public final class ChildJvm {

  private final String name;
  private final List<String> jvmArgs = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Set<String> unset = new TreeSet<>();
  private List<String> launch = List.of();
  private List<String> args = List.of();

  private ChildJvm(String name) {
    this.name = name;
  }

  public static ChildJvm named(String name) {
    return new ChildJvm(name);
  }

  public ChildJvm classpathMain(String classpath, String mainClass) {
    this.launch = List.of("-cp", classpath, mainClass);
    return this;
  }

  public ChildJvm executableJar(Path jar) {
    this.launch = List.of("-jar", jar.toString());
    return this;
  }

  public ChildJvm jvmArgs(List<String> more) {
    jvmArgs.addAll(more);
    return this;
  }

  public ChildJvm args(List<String> args) {
    this.args = List.copyOf(args);
    return this;
  }

  /** Sets a variable for the child. */
  public ChildJvm env(String key, String value) {
    env.put(key, value);
    unset.remove(key);
    return this;
  }

  /** Removes an inherited variable, so the child uses its default. */
  public ChildJvm unset(String... keys) {
    for (String key : keys) {
      if (!env.containsKey(key)) {
        unset.add(key);
      }
    }
    return this;
  }

  public String name() {
    return name;
  }

  public Map<String, String> environment() {
    return Map.copyOf(env);
  }

  public Set<String> removedVariables() {
    return Set.copyOf(unset);
  }

  /** The full command: {@code env [-u VAR]... [VAR=value]... java [jvm args] <launch> [args]}. */
  public List<String> command() {
    if (launch.isEmpty()) {
      throw new IllegalStateException(name + ": no classpath or jar given");
    }
    List<String> command = new ArrayList<>();
    command.add("env");
    for (String key : unset) {
      command.add("-u");
      command.add(key);
    }
    env.forEach((k, v) -> command.add(k + "=" + v));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.addAll(launch);
    command.addAll(args);
    return command;
  }

  /** Starts the JVM with its output going to {@code log}; ready once {@code readyLine} appears. */
  public ChildPart start(Path log, String readyLine) {
    return new ChildPart(name, ChildProcess.start(name, command(), log, readyLine), log);
  }

  /** A running child JVM. */
  public static final class ChildPart implements RunningPart {

    private final String name;
    private final ChildProcess process;
    private final Path log;

    ChildPart(String name, ChildProcess process, Path log) {
      this.name = name;
      this.process = process;
      this.log = log;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean isAlive() {
      return process.isAlive();
    }

    @Override
    public List<Long> pids() {
      return List.of(process.pid());
    }

    @Override
    public void stop(Duration grace) {
      process.stop(grace);
    }

    @Override
    public Optional<Path> logFile() {
      return Optional.of(log);
    }

    public ChildProcess process() {
      return process;
    }

    public void awaitReady(Duration timeout) {
      process.awaitReady(timeout);
    }
  }
}
