package io.telemetra.operator.schema;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.telemetra.operator.api.v1alpha1.CheckpointSnapshot;
import io.telemetra.operator.api.v1alpha1.PostgresSpec;
import io.telemetra.operator.api.v1alpha1.QueryProgress;
import io.telemetra.operator.api.v1alpha1.TelemetraPipeline;
import io.telemetra.operator.pipeline.Connector;
import io.telemetra.operator.pipeline.PipelineProblem;
import io.telemetra.operator.pipeline.ReferencedSecrets;
import io.telemetra.operator.pipeline.WorkloadEnvironment;
import io.telemetra.operator.status.Reason;
import io.telemetra.runtime.PostgresConnection;
import io.telemetra.schema.SchemaMigrator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * A pipeline's Postgres database: observe and apply Telemetra's Flyway migrations, or drop them.
 */
public final class SchemaDatabase implements SchemaService {

  private static final Pattern CREATED =
      Pattern.compile(
          "CREATE\\s+(?:OR\\s+REPLACE\\s+)?(TABLE|VIEW|MATERIALIZED\\s+VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([a-zA-Z_][a-zA-Z0-9_.]*)",
          Pattern.CASE_INSENSITIVE);

  /** Checkpoint resets nobody asked for: a reset with a new spec.streaming.reset.nonce is not. */
  private static final String RESETS =
      "SELECT count(*) OVER (), detected_at, query_name, query_id, first_batch_id,"
          + " previous_query_id, previous_last_batch_id FROM streaming_checkpoint_resets"
          + " WHERE pipeline = ? AND NOT requested ORDER BY detected_at DESC LIMIT 1";

  private static final String DATA_LOSS =
      "SELECT sum(lost_records) OVER (), detected_at, query_name, batch_id, lost_records, offsets"
          + " FROM streaming_data_loss WHERE pipeline = ? ORDER BY detected_at DESC LIMIT 1";

  /**
   * The last batch each query of the pipeline committed, of whichever checkpoint it runs on, the
   * newest window end the job recorded with it, and how far the query has read its topics (V7;
   * asked only of a current schema).
   */
  private static final String LAST_COMMITS =
      "SELECT DISTINCT ON (c.query_name) c.query_name, c.batch_id, c.committed_at,"
          + " c.newest_window_end, p.consumed_records FROM streaming_commits c"
          + " LEFT JOIN streaming_progress p ON p.pipeline = c.pipeline"
          + " AND p.query_name = c.query_name WHERE c.pipeline = ?"
          + " ORDER BY c.query_name, c.committed_at DESC, c.batch_id DESC";

  /** The checkpoint snapshots the job keeps (V9), newest first. */
  private static final String SNAPSHOTS =
      "SELECT snapshot_id, taken_at, batches, location, restored_at FROM streaming_snapshots"
          + " WHERE pipeline = ? ORDER BY taken_at DESC, snapshot_id DESC LIMIT 20";

  /**
   * The version Telemetra's shipped migrations bring a database to, learnt from this process's
   * first full Flyway check (a property of the classpath, the same for every database).
   */
  private static final AtomicReference<String> SHIPPED_VERSION = new AtomicReference<>();

  private final String url;
  private final String user;
  private final String password;
  private final String ledgerName;
  private final TableOwnership ownership;

  private SchemaDatabase(
      String url, String user, String password, String ledgerName, TableOwnership ownership) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.ledgerName = ledgerName;
    this.ownership = ownership;
  }

  /**
   * The database of {@code pipeline}; credentials come from its Secret, read from {@code secrets}.
   */
  /** Connects to the real Postgres a pipeline names. */
  public static final Connector<SchemaService> CONNECTOR = SchemaDatabase::of;

  public static SchemaDatabase of(
      KubernetesClient client, ReferencedSecrets secrets, TelemetraPipeline pipeline) {
    PostgresSpec pg = pipeline.getSpec().getPostgres();
    PostgresConnection settings = connection(secrets, pipeline);
    String url =
        settings
            .withParameters("connectTimeout=5&socketTimeout=60&ApplicationName=telemetra-operator")
            .jdbcUrl();
    String user = settings.user();
    String password = settings.password();
    String database = "database " + pg.getDatabase() + " at " + pg.getHost() + ":" + pg.getPort();
    Predicate<String> pipelineExists =
        owner -> {
          String[] namespaceAndName = owner.split("/", 2);
          return namespaceAndName.length == 2
              && client
                      .resources(TelemetraPipeline.class)
                      .inNamespace(namespaceAndName[0])
                      .withName(namespaceAndName[1])
                      .get()
                  != null;
        };
    return new SchemaDatabase(
        url,
        user,
        password,
        WorkloadEnvironment.ledgerName(pipeline),
        TableOwnership.of(pipeline, pipelineExists, database));
  }

  /**
   * The connection the workloads of {@code pipeline} get, with the Secret values read.
   *
   * @throws PipelineProblem when a Secret or key is missing, or a value is unusable
   */
  static PostgresConnection connection(ReferencedSecrets secrets, TelemetraPipeline pipeline) {
    return WorkloadEnvironment.resolved(
        secrets,
        pipeline,
        PostgresConnection.VARIABLES::contains,
        "spec.postgres",
        PostgresConnection::fromEnvironment);
  }

  /**
   * Applied version and pending count, or ResourceConflict when the tables belong to another
   * pipeline; never throws. A database whose last migration is the newest Telemetra ships is
   * recognised from {@code flyway_schema_history} alone, over the one connection every poll opens;
   * anything else (a first look, pending or failed migrations) asks Flyway.
   */
  @Override
  public SchemaState observe() {
    try (Connection c = connectOrUnavailable()) {
      boolean owned = checkOwnership(c);
      String shipped = SHIPPED_VERSION.get();
      if (owned && shipped != null && lastAppliedVersion(c).filter(shipped::equals).isPresent()) {
        return withRecordedIncidents(c, shipped);
      }
      SchemaMigrator.State flyway = SchemaMigrator.forUrl(url, user, password).state();
      SHIPPED_VERSION.set(flyway.latestAvailable());
      String version = flyway.current().orElse(null);
      if (flyway.pending() > 0 || !owned) {
        return SchemaState.seen(version, flyway.pending(), owned);
      }
      return withRecordedIncidents(c, version);
    } catch (PipelineProblem p) {
      return SchemaState.unavailable(p.reason(), p.getMessage());
    } catch (SQLException | RuntimeException e) {
      return SchemaState.unavailable(Reason.MigrationFailed, e.getMessage());
    }
  }

  /** The version of the last migration applied, if it succeeded; empty before any. */
  private static Optional<String> lastAppliedVersion(Connection c) {
    try (Statement statement = c.createStatement();
        ResultSet row =
            statement.executeQuery(
                "SELECT version, success FROM flyway_schema_history"
                    + " ORDER BY installed_rank DESC LIMIT 1")) {
      return row.next() && row.getBoolean(2)
          ? Optional.ofNullable(row.getString(1))
          : Optional.empty();
    } catch (SQLException noHistoryYet) {
      return Optional.empty();
    }
  }

  /**
   * The current schema at {@code version} with the checkpoint resets, Kafka data loss and last
   * commits the job recorded, read over {@code c}.
   */
  private SchemaState withRecordedIncidents(Connection c, String version) {
    try {
      return SchemaState.seen(
          version,
          0,
          incidents(
              c,
              RESETS,
              row ->
                  String.format(
                      "query %s started a new checkpoint (query id %s) at batch %d; the"
                          + " checkpoint it replaced (query id %s) had committed up to batch %d",
                      row.getString(3),
                      row.getString(4),
                      row.getLong(5),
                      row.getString(6),
                      row.getLong(7))),
          incidents(
              c,
              DATA_LOSS,
              row ->
                  String.format(
                      "query %s batch %d: %d records were never read: deleted from Kafka before"
                          + " it got to them, or skipped when a topic's log was replaced"
                          + " (offsets %s)",
                      row.getString(3), row.getLong(4), row.getLong(5), row.getString(6))),
          lastCommits(c),
          snapshots(c));
    } catch (SQLException e) {
      throw new PipelineProblem(
          Reason.MigrationFailed,
          "cannot read what the streaming job recorded: " + e.getMessage(),
          e);
    }
  }

  /** Applies pending migrations and records this pipeline as the tables' owner. */
  @Override
  public SchemaState migrate() {
    try (Connection c = connectOrUnavailable()) {
      checkOwnership(c);
      String version;
      try {
        version = SchemaMigrator.forUrl(url, user, password).migrate();
      } catch (RuntimeException e) {
        throw new PipelineProblem(Reason.MigrationFailed, "migration failed: " + e.getMessage(), e);
      }
      ownership.claim(c);
      return SchemaState.seen(version, 0);
    } catch (SQLException e) {
      throw new PipelineProblem(
          Reason.MigrationFailed, "cannot record the tables' owner: " + e.getMessage(), e);
    }
  }

  /**
   * Whether this pipeline owns the tables already; throws ResourceConflict when it must not use
   * them.
   */
  private boolean checkOwnership(Connection c) {
    try {
      Optional<PipelineProblem> conflict = ownership.conflict(c);
      if (conflict.isPresent()) {
        throw conflict.get();
      }
      return ownership.owned(c);
    } catch (SQLException e) {
      throw new PipelineProblem(
          Reason.PostgresUnavailable, "cannot read the tables' owner: " + e.getMessage(), e);
    }
  }

  /**
   * Drops the tables and views Telemetra's applied migrations created (deletionPolicy: Delete) if
   * they are recorded as this pipeline's; else leaves them and says why.
   */
  @Override
  public Optional<String> drop() throws SQLException, IOException {
    try (Connection c = connect()) {
      if (!ownership.owned(c)) {
        return Optional.of(
            TableOwnership.recorded(c)
                .map(other -> "kept the tables: they belong to pipeline " + other)
                .orElse("kept the tables: no pipeline owns them"));
      }
    }
    var flyway =
        Flyway.configure(SchemaMigrator.class.getClassLoader())
            .locations(SchemaMigrator.LOCATION)
            .dataSource(url, user, password)
            .load();
    List<String> drops = new ArrayList<>();
    for (MigrationInfo applied : flyway.info().applied()) {
      String sql = resource(applied.getScript());
      Matcher m = CREATED.matcher(sql);
      while (m.find()) {
        drops.add(
            "DROP "
                + m.group(1).toUpperCase().replaceAll("\\s+", " ")
                + " IF EXISTS "
                + m.group(2)
                + " CASCADE");
      }
    }
    Collections.reverse(drops);
    drops.add("DROP TABLE IF EXISTS flyway_schema_history");
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      for (String drop : drops) {
        s.execute(drop);
      }
    }
    return Optional.empty();
  }

  /** A row of an incident table in words. */
  private interface Description {
    String of(ResultSet row) throws SQLException;
  }

  /**
   * The incidents the streaming job recorded under this pipeline's ledger name: {@code query}
   * selects the total (column 1), the latest's detection time (column 2) and what {@code
   * description} reads.
   */
  private RecordedIncidents incidents(Connection c, String query, Description description)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(query)) {
      statement.setString(1, ledgerName);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return RecordedIncidents.NONE;
        }
        return new RecordedIncidents(
            row.getLong(1),
            row.getObject(2, OffsetDateTime.class).toInstant(),
            description.of(row));
      }
    }
  }

  private List<QueryProgress> lastCommits(Connection c) throws SQLException {
    List<QueryProgress> queries = new ArrayList<>();
    try (PreparedStatement statement = c.prepareStatement(LAST_COMMITS)) {
      statement.setString(1, ledgerName);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          queries.add(
              new QueryProgress(
                  row.getString(1),
                  row.getLong(2),
                  row.getObject(3, OffsetDateTime.class).toInstant().toString(),
                  Optional.ofNullable(row.getObject(4, OffsetDateTime.class))
                      .map(end -> end.toInstant().toString())
                      .orElse(null),
                  row.getObject(5, Long.class)));
        }
      }
    }
    return queries;
  }

  private List<CheckpointSnapshot> snapshots(Connection c) throws SQLException {
    List<CheckpointSnapshot> snapshots = new ArrayList<>();
    try (PreparedStatement statement = c.prepareStatement(SNAPSHOTS)) {
      statement.setString(1, ledgerName);
      try (ResultSet row = statement.executeQuery()) {
        while (row.next()) {
          snapshots.add(
              new CheckpointSnapshot(
                  row.getString(1),
                  row.getObject(2, OffsetDateTime.class).toInstant().toString(),
                  row.getString(3),
                  row.getString(4),
                  Optional.ofNullable(row.getObject(5, OffsetDateTime.class))
                      .map(at -> at.toInstant().toString())
                      .orElse(null)));
        }
      }
    }
    return snapshots;
  }

  /** A connection, or PostgresUnavailable saying why not. */
  private Connection connectOrUnavailable() {
    try {
      return connect();
    } catch (SQLException e) {
      throw new PipelineProblem(
          Reason.PostgresUnavailable,
          "Postgres at "
              + url.substring(0, url.indexOf('?'))
              + " is unavailable: "
              + e.getMessage(),
          e);
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return DriverManager.getConnection(url, props);
  }

  private static String resource(String script) throws IOException {
    try (InputStream in =
        SchemaMigrator.class.getClassLoader().getResourceAsStream("db/migration/" + script)) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
