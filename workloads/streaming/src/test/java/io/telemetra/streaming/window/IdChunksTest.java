package io.telemetra.streaming.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdChunksTest {

  @Test
  void forgettingPanesRemovesTheirChunksOnlyWhateverTheOrderTheyCameIn() {
    IdChunks index = IdChunks.none();
    index.add(7, IdChunks.key(7, "a"));
    index.add(5, IdChunks.key(5, "b"));
    index.add(7, IdChunks.key(7, "c"));
    index.add(6, IdChunks.key(6, "d"));

    assertThat(index.removeBefore(5)).isEmpty();
    assertThat(index.removeBefore(7)).containsExactly("5|b", "6|d");
    assertThat(index.getKeys()).containsExactly("7|a", "7|c");
    assertThat(index.getPanes()).containsExactly(7, 7);
    assertThat(index.removeBefore(8)).containsExactly("7|a", "7|c");
    assertThat(index.isEmpty()).isTrue();
  }
}
