package io.telemetra.local;

import io.telemetra.embedded.KafkaBroker;
import io.telemetra.embedded.Postgres;
import io.telemetra.embedded.RedisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The embedded infrastructure (broker, Postgres, Redis) seen as {@link RunningPart}s. */
final class InfrastructureParts {

  private InfrastructureParts() {}

  static RunningPart of(KafkaBroker broker) {
    return new RunningPart() {
      @Override
      public String name() {
        return "Kafka broker";
      }

      @Override
      public boolean isAlive() {
        return broker.isRunning();
      }

      @Override
      public List<Long> pids() {
        return broker.pid() > 0 ? List.of(broker.pid()) : List.of();
      }

      @Override
      public void stop(Duration grace) {
        broker.stop();
      }

      @Override
      public Optional<Path> logFile() {
        return Optional.of(broker.dataDir().resolve("broker.log"));
      }
    };
  }

  static RunningPart of(Postgres postgres) {
    return new RunningPart() {
      @Override
      public String name() {
        return "PostgreSQL";
      }

      @Override
      public boolean isAlive() {
        return postgres.isRunning() && postmasterPid(postgres.dataDir()).isPresent();
      }

      @Override
      public List<Long> pids() {
        return postmasterPid(postgres.dataDir()).map(List::of).orElse(List.of());
      }

      @Override
      public void stop(Duration grace) {
        postgres.stop();
      }
    };
  }

  static RunningPart of(RedisServer redis) {
    return new RunningPart() {
      @Override
      public String name() {
        return "Redis";
      }

      @Override
      public boolean isAlive() {
        return redis.isRunning();
      }

      @Override
      public void stop(Duration grace) {
        redis.stop();
      }
    };
  }

  /** The postmaster's pid, from the first line of postmaster.pid, while that file exists. */
  static Optional<Long> postmasterPid(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
    } catch (java.io.IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
