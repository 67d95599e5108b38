package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.telemetra.embedded.Ports;
import io.telemetra.embedded.RedisServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CacheChoiceTest {

  @TempDir Path dir;

  @Test
  void aRedisThatAnswersOnRedisHostAndPortIsUsed() {
    assumeTrue(
        RedisServer.executable().isPresent(), "needs redis-server (apt-get install redis-server)");
    try (RedisServer redis = RedisServer.onFreePort(dir).start()) {
      Map<String, String> env =
          Map.of("REDIS_HOST", "127.0.0.1", "REDIS_PORT", String.valueOf(redis.port()));

      CacheChoice choice = CacheChoice.decide(env, true, Ports.free());

      assertThat(choice.kind()).isEqualTo(CacheChoice.Kind.EXISTING_REDIS);
      assertThat(choice.port()).isEqualTo(redis.port());
    }
  }

  @Test
  void withoutARunningRedisTheInstalledServerIsStartedOnTheRunnersPort() {
    Map<String, String> env = Map.of("REDIS_PORT", String.valueOf(Ports.free()));

    CacheChoice choice =
        CacheChoice.decide(
            env, true, 16379, (h, p) -> false, Optional.of(Path.of("/usr/bin/redis-server")));

    assertThat(choice.kind()).isEqualTo(CacheChoice.Kind.STARTED_REDIS);
    assertThat(choice.port()).isEqualTo(16379);
  }

  @Test
  void withoutRedisAnywhereTheApiUsesItsInProcessCacheAndTheReasonSaysHowToGetRedis() {
    CacheChoice choice =
        CacheChoice.decide(Map.of(), true, 16379, (h, p) -> false, Optional.empty());

    assertThat(choice.kind()).isEqualTo(CacheChoice.Kind.IN_PROCESS);
    assertThat(choice.reason()).contains("apt-get install redis-server");
  }

  @Test
  void noRedisWinsOverAnAvailableRedis() {
    CacheChoice choice =
        CacheChoice.decide(
            Map.of(), false, 16379, (h, p) -> true, Optional.of(Path.of("/usr/bin/redis-server")));

    assertThat(choice.kind()).isEqualTo(CacheChoice.Kind.IN_PROCESS);
  }

  @Test
  void somethingThatIsNotRedisOnThePortDoesNotCount() throws Exception {
    try (var notRedis =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread t =
          new Thread(
              () -> {
                try (var s = notRedis.accept()) {
                  s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (java.io.IOException ignored) {
                  // the probe has gone
                }
              });
      t.start();

      assertThat(CacheChoice.answersPing("127.0.0.1", notRedis.getLocalPort())).isFalse();
    }
  }
}
