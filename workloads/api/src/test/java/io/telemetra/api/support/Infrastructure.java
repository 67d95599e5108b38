package io.telemetra.api.support;

import io.telemetra.embedded.Postgres;
import io.telemetra.embedded.RedisServer;
import io.telemetra.schema.SchemaMigrator;
import java.nio.file.Path;

/** One real Postgres (migrated) and one real redis-server for all API tests in this JVM. */
public final class Infrastructure {

  private static Postgres postgres;
  private static RedisServer redis;

  private Infrastructure() {}

  public static synchronized Postgres postgres() {
    if (postgres == null) {
      Path dir = Path.of("target", "it-data", "postgres-" + ProcessHandle.current().pid());
      postgres = Postgres.onFreePort(dir.toAbsolutePath()).start();
      SchemaMigrator.forUrl(postgres.jdbcUrl(), postgres.user(), postgres.password()).migrate();
      Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop));
    }
    return postgres;
  }

  public static synchronized RedisServer redis() {
    if (redis == null) {
      Path dir = Path.of("target", "it-data", "redis-" + ProcessHandle.current().pid());
      redis = RedisServer.onFreePort(dir.toAbsolutePath()).start();
      Runtime.getRuntime().addShutdownHook(new Thread(redis::stop));
    }
    return redis;
  }
}
