package io.telemetra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresTest {

  @TempDir Path dir;

  @Test
  void dataSurvivesAStopAndStartOnTheSameDirectory() throws Exception {
    try (Postgres pg = Postgres.onFreePort(dir.resolve("pg")).start()) {
      try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
        c.createStatement().execute("CREATE TABLE t (v int); INSERT INTO t VALUES (7)");
      }
      pg.stop();
      pg.start();
      try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
        var rs = c.createStatement().executeQuery("SELECT v FROM t");
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(7);
      }
    }
  }
}
