package io.telemetra.api.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NearCachedHotReadCacheTest {

  final InProcessHotReadCache shared = new InProcessHotReadCache(Duration.ofMinutes(1));
  final NearCachedHotReadCache cache = new NearCachedHotReadCache(shared, Duration.ofMinutes(1));

  @Test
  void aValueIsWrittenToBothLevelsAndReadNearFirst() {
    cache.putLiveWindow("s1", "{\"v\":1}");
    assertThat(shared.liveWindow("s1")).contains("{\"v\":1}");
    shared.putLiveWindow("s1", "{\"v\":2}");
    assertThat(cache.liveWindow("s1")).contains("{\"v\":1}");
  }

  @Test
  void aNearMissIsFilledFromTheSharedLevel() {
    shared.putStreamPage("all:0:50", "page");
    assertThat(cache.streamPage("all:0:50")).contains("page");
    shared.invalidateAll();
    assertThat(cache.streamPage("all:0:50")).contains("page");
  }

  @Test
  void invalidationClearsBothLevels() {
    cache.putLiveWindow("s1", "a");
    cache.putLiveWindow("s2", "b");
    cache.putStreamPage("all:0:50", "page");
    cache.invalidate(List.of("s1"));
    assertThat(cache.liveWindow("s1")).isEmpty();
    assertThat(shared.liveWindow("s1")).isEmpty();
    assertThat(cache.liveWindow("s2")).contains("b");
    assertThat(cache.streamPage("all:0:50")).isEmpty();
    cache.invalidateAll();
    assertThat(cache.liveWindow("s2")).isEmpty();
  }
}
