package io.telemetra.streaming.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.schema.Notifications;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UpdateNotificationTest {

  @Test
  void thePayloadNamesTheBatchTheChangedStreamsAndTheMoments() {
    assertThat(UpdateNotification.payload(42, List.of("s1", "s2"), 1))
        .isEqualTo("{\"batch_id\":42,\"streams\":[\"s1\",\"s2\"],\"moments\":1}");
  }

  @Test
  void tooManyStreamsForOnePayloadBecomeNullMeaningAnyStreamMayHaveChanged() {
    List<String> many = IntStream.range(0, 1000).mapToObj(i -> "stream-" + i).toList();
    String payload = UpdateNotification.payload(7, many, 0);
    assertThat(payload).isEqualTo("{\"batch_id\":7,\"streams\":null,\"moments\":0}");
    assertThat(payload.length()).isLessThan(Notifications.MAX_PAYLOAD_BYTES);
  }
}
