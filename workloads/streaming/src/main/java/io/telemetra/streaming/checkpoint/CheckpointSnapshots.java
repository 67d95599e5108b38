package io.telemetra.streaming.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.streaming.config.CheckpointLocation;
import io.telemetra.streaming.config.SnapshotSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Copies of the queries' checkpoints under {@code <checkpoint>/snapshots/<id>/<query>}, on the
 * checkpoint's own file system ({@code file://}, {@code s3a://}, {@code hdfs://}): taken, listed,
 * pruned, and put back in place of the checkpoint. The id is the UTC time the snapshot was taken.
 * Which snapshot the checkpoint was last restored from is kept next to it ({@code
 * <checkpoint>/restored-from}), so a restore happens once however often the job starts.
 */
public final class CheckpointSnapshots {

  private static final String SNAPSHOTS = "snapshots";
  private static final String RESTORED_FROM = "restored-from";
  private static final String COMPLETE = "_COMPLETE";
  private static final DateTimeFormatter ID =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileSystem fs;
  private final Path checkpoint;
  private final List<String> queries;

  CheckpointSnapshots(FileSystem fs, Path checkpoint, List<String> queries) {
    this.fs = fs;
    this.checkpoint = checkpoint;
    this.queries = List.copyOf(queries);
  }

  /**
   * The snapshots of the checkpoints of {@code queries} under {@code location}, reached with {@code
   * hadoop} (Spark's Hadoop configuration: the {@code spark.hadoop.fs.s3a.*} settings).
   */
  public static CheckpointSnapshots of(String location, List<String> queries, Configuration hadoop)
      throws IOException {
    Path base = CheckpointLocation.base(location);
    return new CheckpointSnapshots(base.getFileSystem(hadoop), base, queries);
  }

  /** Where the query checkpoints are. */
  public String location() {
    return checkpoint.toString();
  }

  /**
   * Copies every query checkpoint that has committed a batch; empty when none has (a fresh
   * checkpoint has nothing to go back to).
   */
  public Optional<Snapshot> take(Instant now) throws IOException {
    Map<String, Snapshot.Query> committed = describe(checkpoint);
    if (committed.isEmpty()) {
      return Optional.empty();
    }
    String id = ID.format(now);
    Path target = new Path(new Path(checkpoint, SNAPSHOTS), id);
    if (fs.exists(target)) {
      throw new IOException("snapshot " + target + " exists already");
    }
    for (String query : committed.keySet()) {
      copy(new Path(checkpoint, query), new Path(target, query));
    }
    // written last: a copy cut short has none and is not a snapshot (no rename, which an object
    // store would do by copying everything again)
    fs.create(new Path(target, COMPLETE), false).close();
    return Optional.of(new Snapshot(id, target.toString(), committed));
  }

  /** Every complete snapshot, oldest first. */
  public List<Snapshot> list() throws IOException {
    Path root = new Path(checkpoint, SNAPSHOTS);
    List<Snapshot> snapshots = new ArrayList<>();
    if (!fs.exists(root)) {
      return snapshots;
    }
    for (FileStatus entry : fs.listStatus(root)) {
      String id = entry.getPath().getName();
      if (entry.isDirectory()
          && SnapshotSettings.ID.matcher(id).matches()
          && fs.exists(new Path(entry.getPath(), COMPLETE))) {
        snapshots.add(new Snapshot(id, entry.getPath().toString(), describe(entry.getPath())));
      }
    }
    snapshots.sort(java.util.Comparator.comparing(Snapshot::id));
    return snapshots;
  }

  /**
   * Deletes the oldest snapshots beyond {@code keep}, never {@code spared}, and copies cut short;
   * returns the ids of the snapshots deleted.
   */
  public List<String> prune(int keep, Optional<String> spared) throws IOException {
    List<Snapshot> all = list();
    List<String> deleted = new ArrayList<>();
    Path root = new Path(checkpoint, SNAPSHOTS);
    if (fs.exists(root)) {
      for (FileStatus entry : fs.listStatus(root)) {
        if (entry.isDirectory() && !fs.exists(new Path(entry.getPath(), COMPLETE))) {
          fs.delete(entry.getPath(), true);
        }
      }
    }
    for (int i = 0; i < all.size() - keep; i++) {
      String id = all.get(i).id();
      if (spared.filter(id::equals).isEmpty()) {
        fs.delete(new Path(new Path(checkpoint, SNAPSHOTS), id), true);
        deleted.add(id);
      }
    }
    return deleted;
  }

  /** The snapshot the checkpoint was last restored from, if any. */
  public Optional<String> restoredFrom() throws IOException {
    Path marker = new Path(checkpoint, RESTORED_FROM);
    if (!fs.exists(marker)) {
      return Optional.empty();
    }
    try (InputStream in = fs.open(marker)) {
      return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
    }
  }

  /**
   * Replaces the query checkpoints with snapshot {@code id}'s (a query the snapshot lacks starts a
   * new checkpoint). Call {@link #markRestored} once everything that goes with it is done: until
   * then a new start restores again.
   *
   * @throws IOException when there is no such snapshot, or a copy fails
   */
  public Snapshot restore(String id) throws IOException {
    Path source = new Path(new Path(checkpoint, SNAPSHOTS), id);
    if (!fs.exists(new Path(source, COMPLETE))) {
      throw new IOException(
          "no snapshot "
              + id
              + " under "
              + new Path(checkpoint, SNAPSHOTS)
              + "; the snapshots there: "
              + list().stream().map(Snapshot::id).toList());
    }
    Snapshot snapshot = new Snapshot(id, source.toString(), describe(source));
    for (String query : queries) {
      fs.delete(new Path(checkpoint, query), true);
      Path saved = new Path(source, query);
      if (fs.exists(saved)) {
        copy(saved, new Path(checkpoint, query));
      }
    }
    return snapshot;
  }

  /** Remembers that the checkpoint was restored from {@code id}: a later start runs on. */
  public void markRestored(String id) throws IOException {
    try (OutputStream out = fs.create(new Path(checkpoint, RESTORED_FROM), true)) {
      out.write(id.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The query checkpoints under {@code dir} that committed a batch: query id and last batch. */
  private Map<String, Snapshot.Query> describe(Path dir) throws IOException {
    Map<String, Snapshot.Query> committed = new LinkedHashMap<>();
    for (String query : queries) {
      Path queryDir = new Path(dir, query);
      OptionalLong last = lastCommit(new Path(queryDir, "commits"));
      Optional<UUID> queryId = queryId(new Path(queryDir, "metadata"));
      if (last.isPresent() && queryId.isPresent()) {
        committed.put(query, new Snapshot.Query(queryId.get(), last.getAsLong()));
      }
    }
    return committed;
  }

  /** The newest batch in a checkpoint's commit log (files named by batch id). */
  private OptionalLong lastCommit(Path commits) throws IOException {
    if (!fs.exists(commits)) {
      return OptionalLong.empty();
    }
    OptionalLong last = OptionalLong.empty();
    for (FileStatus f : fs.listStatus(commits)) {
      String name = f.getPath().getName();
      if (f.isFile() && name.matches("\\d+")) {
        long batch = Long.parseLong(name);
        if (last.isEmpty() || batch > last.getAsLong()) {
          last = OptionalLong.of(batch);
        }
      }
    }
    return last;
  }

  /** The query id Spark keeps in {@code <checkpoint>/metadata} ({@code {"id":"..."}}). */
  private Optional<UUID> queryId(Path metadata) throws IOException {
    if (!fs.exists(metadata)) {
      return Optional.empty();
    }
    try (InputStream in = fs.open(metadata)) {
      String id = JSON.readTree(in).path("id").asText("");
      return id.isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(id));
    }
  }

  /**
   * Copies file or directory {@code from} to exactly {@code to}, file by file. Not {@code
   * FileUtil.copy}: it copies a directory <em>into</em> a destination that exists, and on an object
   * store a deleted directory can still exist, empty (SeaweedFS's S3 keeps it): the restored
   * checkpoint landed one level down and Spark started it afresh.
   */
  private void copy(Path from, Path to) throws IOException {
    if (fs.getFileStatus(from).isDirectory()) {
      fs.mkdirs(to);
      for (FileStatus child : fs.listStatus(from)) {
        copy(child.getPath(), new Path(to, child.getPath().getName()));
      }
      return;
    }
    try (InputStream in = fs.open(from);
        OutputStream out = fs.create(to, true)) {
      in.transferTo(out);
    }
  }
}
