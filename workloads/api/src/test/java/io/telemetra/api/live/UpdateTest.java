package io.telemetra.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdateTest {

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPayloadNamesItsBatchStreamsAndMoments() {
    Update u = Update.parse(JSON, "{\"batch_id\":42,\"streams\":[\"s1\",\"s2\"],\"moments\":1}");
    assertThat(u.batchIds()).containsExactly(42L);
    assertThat(u.streams()).containsExactly("s1", "s2");
    assertThat(u.allStreams()).isFalse();
    assertThat(u.moments()).isEqualTo(1);
  }

  @Test
  void nullStreamsOrAnUnreadablePayloadMeanEveryStream() {
    assertThat(Update.parse(JSON, "{\"batch_id\":1,\"streams\":null,\"moments\":0}").allStreams())
        .isTrue();
    assertThat(Update.parse(JSON, "not json").allStreams()).isTrue();
    assertThat(Update.parse(JSON, "").allStreams()).isTrue();
  }

  @Test
  void invalidStreamIdsAreIgnoredAndUpdatesMerge() {
    Update a =
        Update.parse(JSON, "{\"batch_id\":1,\"streams\":[\"ok\",\"bad id\",7],\"moments\":1}");
    Update b = Update.parse(JSON, "{\"batch_id\":2,\"streams\":[\"other\"],\"moments\":2}");
    Update merged = Update.merge(List.of(a, b));
    assertThat(merged.batchIds()).containsExactly(1L, 2L);
    assertThat(merged.streams()).containsExactly("ok", "other");
    assertThat(merged.moments()).isEqualTo(3);
    assertThat(merged.allStreams()).isFalse();
  }
}
