package io.telemetra.operator.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaAdminsTest {

  private Instant now = Instant.parse("2026-12-06T10:00:00Z");
  private final KafkaAdmins admins = new KafkaAdmins(() -> now.toEpochMilli());

  @AfterEach
  void closeAll() {
    now = now.plus(Duration.ofDays(1));
    admins.forProperties(properties("localhost:1", "closing")); // closes every idle client
  }

  @Test
  void pipelinesWithTheSameSettingsShareOneClientAndOthersGetTheirOwn() {
    Admin first = admins.forProperties(properties("localhost:19092", "secret-1"));
    Admin again = admins.forProperties(properties("localhost:19092", "secret-1"));
    Admin otherCluster = admins.forProperties(properties("localhost:19093", "secret-1"));
    Admin otherCredentials = admins.forProperties(properties("localhost:19092", "secret-2"));

    assertThat(again).isSameAs(first);
    assertThat(otherCluster).isNotSameAs(first);
    assertThat(otherCredentials).isNotSameAs(first).isNotSameAs(otherCluster);
    assertThat(admins.size()).isEqualTo(3);
  }

  @Test
  void aClientUnusedForTheIdleTimeIsClosedAndAUsedOneKept() {
    Admin rotatedAway = admins.forProperties(properties("localhost:19092", "old-password"));
    now = now.plus(KafkaAdmins.IDLE.minusMinutes(1));
    Admin inUse = admins.forProperties(properties("localhost:19092", "new-password"));
    now = now.plus(Duration.ofMinutes(2));

    assertThat(admins.forProperties(properties("localhost:19092", "new-password"))).isSameAs(inUse);
    assertThat(admins.size()).as("the client of the rotated password is closed").isEqualTo(1);
    assertThat(admins.forProperties(properties("localhost:19092", "old-password")))
        .as("a later use makes a new one")
        .isNotSameAs(rotatedAway);
  }

  private static Properties properties(String bootstrap, String password) {
    Properties properties = new Properties();
    properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "test");
    properties.put("sasl.jaas.config", "password=" + password);
    return properties;
  }
}
