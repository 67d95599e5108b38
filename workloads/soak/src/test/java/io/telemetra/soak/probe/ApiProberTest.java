package io.telemetra.soak.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiProberTest {

  @Test
  void probesTheFirstListedStreamThatHasAWindow() {
    String page =
        "{\"items\":[{\"stream_id\":\"stream-001\",\"status\":\"offline\",\"latest\":null},"
            + "{\"stream_id\":\"stream-002\",\"status\":\"online\",\"latest\":{\"chat_count\":3}}],"
            + "\"page\":0,\"size\":5,\"total\":2}";

    assertThat(ApiProber.firstStreamId(page)).contains("stream-002");
    assertThat(ApiProber.firstStreamId("{\"items\":[]}")).isEmpty();
    assertThat(ApiProber.firstStreamId("<html>")).isEmpty();
  }
}
