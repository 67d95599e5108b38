package io.telemetra.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the user asked the local runner for, validated. */
public record RunnerSettings(
    int rate,
    int streams,
    int kafkaPort,
    int postgresPort,
    int apiPort,
    int redisPort,
    Path dataDir,
    Optional<Duration> duration,
    boolean producer,
    boolean redis,
    Optional<String> token,
    int partitions) {

  public RunnerSettings {
    List<String> problems = new ArrayList<>();
    if (rate <= 0) {
      problems.add("--rate must be at least 1 event per second, got " + rate);
    }
    if (streams <= 0) {
      problems.add("--streams must be at least 1, got " + streams);
    }
    if (partitions <= 0) {
      problems.add("--partitions must be at least 1, got " + partitions);
    }
    checkPort(problems, "--kafka-port", kafkaPort, 65534);
    checkPort(problems, "--postgres-port", postgresPort, 65535);
    checkPort(problems, "--api-port", apiPort, 65535);
    checkPort(problems, "--redis-port", redisPort, 65535);
    duration.ifPresent(
        d -> {
          if (d.isNegative() || d.isZero()) {
            problems.add("--duration must be positive, got " + d);
          }
        });
    List<Integer> ports = List.of(kafkaPort, kafkaPort + 1, postgresPort, apiPort, redisPort);
    if (ports.stream().distinct().count() != ports.size()) {
      problems.add(
          "the ports must differ (the Kafka controller uses --kafka-port + 1): kafka "
              + kafkaPort
              + ", postgres "
              + postgresPort
              + ", api "
              + apiPort
              + ", redis "
              + redisPort);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  private static void checkPort(List<String> problems, String option, int port, int max) {
    if (port < 1 || port > max) {
      problems.add(option + " must be between 1 and " + max + ", got " + port);
    }
  }

  /** The Kafka controller listens next to the broker. */
  public int kafkaControllerPort() {
    return kafkaPort + 1;
  }

  /** The ports to check before starting, with the option that moves each. */
  public List<PortCheck.PortUse> portUses(boolean startsOwnRedis) {
    List<PortCheck.PortUse> uses = new ArrayList<>();
    uses.add(new PortCheck.PortUse(kafkaPort, "Kafka broker", "--kafka-port"));
    uses.add(
        new PortCheck.PortUse(
            kafkaControllerPort(), "Kafka controller, --kafka-port + 1", "--kafka-port"));
    uses.add(new PortCheck.PortUse(postgresPort, "PostgreSQL", "--postgres-port"));
    uses.add(new PortCheck.PortUse(apiPort, "API and dashboard", "--api-port"));
    if (startsOwnRedis) {
      uses.add(new PortCheck.PortUse(redisPort, "Redis started by the runner", "--redis-port"));
    }
    return uses;
  }
}
