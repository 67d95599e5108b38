package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SupervisorTest {

  private final List<String> stopped = new CopyOnWriteArrayList<>();

  /** A part that records when it is stopped. */
  private final class RecordingPart implements RunningPart {
    private final String name;
    private volatile boolean alive = true;

    RecordingPart(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean isAlive() {
      return alive;
    }

    @Override
    public void stop(Duration grace) {
      alive = false;
      stopped.add(name);
    }
  }

  @Test
  void applicationsStopBeforeInfrastructureEachInReverseStartOrder() {
    Supervisor s = new Supervisor(Duration.ofSeconds(1), Duration.ofSeconds(1));
    s.started(new RecordingPart("broker"), Supervisor.Tier.INFRASTRUCTURE);
    s.started(new RecordingPart("postgres"), Supervisor.Tier.INFRASTRUCTURE);
    s.started(new RecordingPart("streaming"), Supervisor.Tier.APPLICATION);
    s.started(new RecordingPart("api"), Supervisor.Tier.APPLICATION);
    s.started(new RecordingPart("producer"), Supervisor.Tier.APPLICATION);

    List<String> order = s.stopAll();

    assertThat(order).containsExactly("producer", "api", "streaming", "postgres", "broker");
    assertThat(stopped.subList(0, 3)).containsExactlyInAnyOrder("producer", "api", "streaming");
    assertThat(stopped.subList(3, 5)).containsExactlyInAnyOrder("postgres", "broker");
  }

  @Test
  void aPartThatFinishesStartingAfterStopBeganIsStoppedAtOnce() {
    Supervisor s = new Supervisor(Duration.ofSeconds(1), Duration.ofSeconds(1));
    s.stopAll();

    RecordingPart late = new RecordingPart("late");
    s.started(late, Supervisor.Tier.APPLICATION);

    assertThat(late.isAlive()).isFalse();
    assertThat(s.parts()).isEmpty();
  }

  @Test
  void aPartThatDiedOnItsOwnIsReportedUntilStoppingBegins() {
    Supervisor s = new Supervisor(Duration.ofSeconds(1), Duration.ofSeconds(1));
    RecordingPart api = new RecordingPart("api");
    s.started(new RecordingPart("broker"), Supervisor.Tier.INFRASTRUCTURE);
    s.started(api, Supervisor.Tier.APPLICATION);
    assertThat(s.firstDeadPart()).isEmpty();

    api.alive = false;

    assertThat(s.firstDeadPart()).contains(api);
    s.stopAll();
    assertThat(s.firstDeadPart()).isEmpty();
  }

  @Test
  void deadPartsAreListedByTierAndAForgottenPartIsNoLongerSupervised() {
    Supervisor s = new Supervisor(Duration.ofSeconds(1), Duration.ofSeconds(1));
    RecordingPart broker = new RecordingPart("broker");
    RecordingPart job = new RecordingPart("job");
    RecordingPart api = new RecordingPart("api");
    s.started(broker, Supervisor.Tier.INFRASTRUCTURE);
    s.started(job, Supervisor.Tier.APPLICATION);
    s.started(api, Supervisor.Tier.APPLICATION);

    job.alive = false;
    broker.alive = false;

    assertThat(s.deadParts(Supervisor.Tier.APPLICATION)).containsExactly(job);
    assertThat(s.deadParts(Supervisor.Tier.INFRASTRUCTURE)).containsExactly(broker);
    s.forget(job);
    assertThat(s.deadParts(Supervisor.Tier.APPLICATION)).isEmpty();
    assertThat(s.parts()).containsExactly(broker, api);
  }

  @Test
  void stoppingTwiceStopsEachPartOnce() {
    Supervisor s = new Supervisor(Duration.ofSeconds(1), Duration.ofSeconds(1));
    s.started(new RecordingPart("broker"), Supervisor.Tier.INFRASTRUCTURE);

    s.stopAll();
    s.stopAll();

    assertThat(stopped).containsExactly("broker");
  }
}
