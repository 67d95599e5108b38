package io.telemetra.streaming.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FilterFileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshot files on a file system that behaves as an object store can: a deleted directory stays,
 * empty (SeaweedFS's S3 does; the real-cluster tier's restore step found it). Below that real-part
 * test, this one pins the copy semantics on the local file system.
 */
class CheckpointSnapshotsTest {

  @TempDir java.nio.file.Path dir;

  /** Deletes like an object store that keeps a deleted directory's entry. */
  static final class KeepsDeletedDirectories extends FilterFileSystem {
    KeepsDeletedDirectories(FileSystem fs) {
      super(fs);
    }

    @Override
    public boolean delete(Path path, boolean recursive) throws IOException {
      boolean directory = exists(path) && getFileStatus(path).isDirectory();
      boolean deleted = super.delete(path, recursive);
      if (directory) {
        mkdirs(path);
      }
      return deleted;
    }
  }

  @Test
  void aRestoredCheckpointIsTheSnapshotsEvenWhereADeletedDirectoryStays() throws Exception {
    FileSystem fs = new KeepsDeletedDirectories(FileSystem.getLocal(new Configuration()));
    Path checkpoint = new Path(dir.toUri());
    UUID queryId = UUID.randomUUID();
    write(fs, new Path(checkpoint, "windows/metadata"), "{\"id\":\"" + queryId + "\"}");
    write(fs, new Path(checkpoint, "windows/commits/0"), "v1");
    write(fs, new Path(checkpoint, "windows/offsets/0"), "v1 offsets 0");
    write(fs, new Path(checkpoint, "windows/state/0/1.delta"), "state");
    var snapshots = new CheckpointSnapshots(fs, checkpoint, List.of("ingest", "windows"));

    Snapshot taken = snapshots.take(Instant.parse("2026-12-07T05:12:00.123Z")).orElseThrow();
    assertThat(taken.id()).isEqualTo("20261207-051200-123");
    assertThat(taken.queries()).containsOnlyKeys("windows");
    assertThat(taken.queries().get("windows")).isEqualTo(new Snapshot.Query(queryId, 0));
    write(fs, new Path(checkpoint, "windows/commits/1"), "v1");
    write(fs, new Path(checkpoint, "windows/offsets/1"), "v1 offsets 1");

    snapshots.restore(taken.id());

    assertThat(Files.readString(dir.resolve("windows/offsets/0"))).isEqualTo("v1 offsets 0");
    assertThat(Files.readString(dir.resolve("windows/state/0/1.delta"))).isEqualTo("state");
    assertThat(dir.resolve("windows/offsets/1")).doesNotExist();
    assertThat(dir.resolve("windows/windows")).as("not copied one level down").doesNotExist();
    assertThat(snapshots.restoredFrom()).isEmpty();
    snapshots.markRestored(taken.id());
    assertThat(snapshots.restoredFrom()).contains(taken.id());
  }

  @Test
  void aCopyCutShortIsNoSnapshotAndIsDeletedWithTheOldestBeyondTheCount() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path checkpoint = new Path(dir.toUri());
    write(fs, new Path(checkpoint, "ingest/metadata"), "{\"id\":\"" + UUID.randomUUID() + "\"}");
    write(fs, new Path(checkpoint, "ingest/commits/3"), "v1");
    var snapshots = new CheckpointSnapshots(fs, checkpoint, List.of("ingest", "windows"));
    for (int second = 1; second <= 3; second++) {
      snapshots.take(Instant.parse("2026-12-07T05:12:0" + second + "Z"));
    }
    write(fs, new Path(checkpoint, "snapshots/20261207-051209-000/ingest/metadata"), "{}");

    assertThat(snapshots.list()).extracting(Snapshot::id).hasSize(3);
    assertThat(snapshots.prune(1, Optional.of("20261207-051201-000")))
        .containsExactly("20261207-051202-000");
    assertThat(snapshots.list())
        .extracting(Snapshot::id)
        .containsExactly("20261207-051201-000", "20261207-051203-000");
    assertThat(dir.resolve("snapshots/20261207-051209-000")).doesNotExist();
  }

  @Test
  void withNoneToKeepARestoreTakesNoSnapshotAndDeletesNone() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path checkpoint = new Path(dir.toUri());
    write(fs, new Path(checkpoint, "ingest/metadata"), "{\"id\":\"" + UUID.randomUUID() + "\"}");
    write(fs, new Path(checkpoint, "ingest/commits/3"), "v1");
    var snapshots = new CheckpointSnapshots(fs, checkpoint, List.of("ingest"));
    for (int second = 1; second <= 3; second++) {
      snapshots.take(Instant.parse("2026-12-07T05:12:0" + second + "Z"));
    }

    var restoreNoneKept =
        new io.telemetra.streaming.config.SnapshotSettings(0, Optional.of("20261207-051202-000"));
    assertThat(CheckpointHistory.arrange(restoreNoneKept, snapshots, Instant.now()))
        .map(Snapshot::id)
        .contains("20261207-051202-000");
    assertThat(snapshots.list()).hasSize(3);
    snapshots.markRestored("20261207-051202-000"); // what prepare does once Postgres has it
    assertThat(CheckpointHistory.arrange(restoreNoneKept, snapshots, Instant.now()))
        .as("restored once")
        .isEmpty();
  }

  private static void write(FileSystem fs, Path path, String text) throws IOException {
    try (var out = fs.create(path, true)) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
