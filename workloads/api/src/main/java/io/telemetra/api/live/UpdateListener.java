package io.telemetra.api.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.runtime.PostgresConnection;
import io.telemetra.schema.Notifications;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * One dedicated Postgres connection that LISTENs on telemetra_updates from a daemon thread and
 * hands each batch of notifications to the consumer. Reconnects with backoff when Postgres goes
 * away; after a reconnect it reports "everything changed", since notifications were missed.
 */
public class UpdateListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(UpdateListener.class);
  private static final int POLL_MILLIS = 500;
  private static final Duration HEARTBEAT = Duration.ofSeconds(15);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final PostgresConnection settings;
  private final ObjectMapper json;
  private final Consumer<Update> consumer;
  private volatile boolean running;
  private volatile boolean listening;
  private volatile Thread thread;
  private volatile String lastError;

  public UpdateListener(PostgresConnection settings, ObjectMapper json, Consumer<Update> consumer) {
    this.settings = settings;
    this.json = json;
    this.consumer = consumer;
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::run, "telemetra-listen");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** True while the LISTEN connection is open. */
  public boolean isListening() {
    return listening;
  }

  public String lastError() {
    return lastError;
  }

  private void run() {
    long backoffMillis = 250;
    boolean first = true;
    while (running) {
      try (Connection connection = connect()) {
        try (Statement s = connection.createStatement()) {
          s.execute("LISTEN " + Notifications.CHANNEL);
        }
        listening = true;
        lastError = null;
        backoffMillis = 250;
        log.info("Listening on {} for pushed updates", Notifications.CHANNEL);
        if (!first) {
          consumer.accept(Update.everything());
        }
        first = false;
        poll(connection);
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (listening) {
          log.warn("LISTEN connection lost ({}); reconnecting", lastError);
        } else {
          log.debug("Cannot LISTEN yet ({}); retrying in {} ms", lastError, backoffMillis);
        }
      } finally {
        listening = false;
      }
      if (!sleep(backoffMillis)) {
        break;
      }
      backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
    }
  }

  private void poll(Connection connection) throws SQLException {
    PGConnection pg = connection.unwrap(PGConnection.class);
    long lastTraffic = System.nanoTime();
    while (running) {
      PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
      if (notifications != null && notifications.length > 0) {
        lastTraffic = System.nanoTime();
        List<Update> updates = new ArrayList<>(notifications.length);
        for (PGNotification n : notifications) {
          updates.add(Update.parse(json, n.getParameter()));
        }
        dispatch(Update.merge(updates));
      } else if (System.nanoTime() - lastTraffic > HEARTBEAT.toNanos()) {
        // A silent network failure would otherwise go unnoticed forever.
        try (Statement s = connection.createStatement()) {
          s.execute("SELECT 1");
        }
        lastTraffic = System.nanoTime();
      }
    }
  }

  private void dispatch(Update update) {
    try {
      consumer.accept(update);
    } catch (RuntimeException e) {
      log.warn("Handling update {} failed", update, e);
    }
  }

  private Connection connect() throws SQLException {
    Properties props = settings.properties("telemetra-api-listen");
    props.setProperty("connectTimeout", "5");
    props.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(settings.jdbcUrl(), props);
  }

  private boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }
}
