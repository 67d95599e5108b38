package io.telemetra.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartupPlanTest {

  private final List<String> ran = new CopyOnWriteArrayList<>();

  private StartupPlan.Action record(String name) {
    return () -> ran.add(name);
  }

  @Test
  void aStepRunsOnlyAfterEverythingItWaitsFor() throws Exception {
    new StartupPlan()
        .step(
            "broker",
            List.of(),
            () -> {
              Thread.sleep(100);
              ran.add("broker");
            })
        .step("postgres", List.of(), record("postgres"))
        .step("schema", List.of("postgres"), record("schema"))
        .step("topics", List.of("broker"), record("topics"))
        .step("streaming", List.of("schema", "topics"), record("streaming"))
        .run();

    assertThat(ran)
        .containsExactlyInAnyOrder("broker", "postgres", "schema", "topics", "streaming");
    assertThat(ran.indexOf("schema")).isGreaterThan(ran.indexOf("postgres"));
    assertThat(ran.indexOf("topics")).isGreaterThan(ran.indexOf("broker"));
    assertThat(ran.indexOf("streaming"))
        .isGreaterThan(ran.indexOf("schema"))
        .isGreaterThan(ran.indexOf("topics"));
  }

  @Test
  void independentStepsRunAtTheSameTime() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    StartupPlan.Action meetTheOther =
        () -> {
          both.countDown();
          if (!both.await(5, TimeUnit.SECONDS)) {
            throw new IllegalStateException("ran one after the other");
          }
        };

    new StartupPlan()
        .step("broker", List.of(), meetTheOther)
        .step("postgres", List.of(), meetTheOther)
        .run();

    assertThat(both.getCount()).isZero();
  }

  @Test
  void aFailedStepFailsTheStartAndItsDependentsNeverRun() {
    StartupPlan plan =
        new StartupPlan()
            .step(
                "postgres",
                List.of(),
                () -> {
                  throw new IllegalStateException("port 15432 refused");
                })
            .step("schema", List.of("postgres"), record("schema"));

    assertThatThrownBy(plan::run).hasMessage("port 15432 refused");
    assertThat(ran).doesNotContain("schema");
  }

  @Test
  void aStepMayOnlyWaitForStepsPlannedBeforeIt() {
    assertThatThrownBy(() -> new StartupPlan().step("schema", List.of("postgres"), record("x")))
        .hasMessageContaining("waits for postgres");
  }

  @Test
  void theRunnerStartsEachPartAfterWhatItNeeds() {
    RunnerSettings settings =
        new RunnerSettings(
            100,
            5,
            9092,
            15432,
            8080,
            16379,
            java.nio.file.Path.of("target/plan-test"),
            java.util.Optional.empty(),
            true,
            true,
            java.util.Optional.empty(),
            2);
    StartupPlan plan = new LocalPipeline(settings, Map.of(), System.out, System.err).plan();

    assertThat(plan.stepNames())
        .containsExactly(
            "broker", "postgres", "cache", "schema", "topics", "streaming", "api", "producer");
    assertThat(plan.prerequisitesOf("broker")).isEmpty();
    assertThat(plan.prerequisitesOf("postgres")).isEmpty();
    assertThat(plan.prerequisitesOf("schema")).containsExactly("postgres");
    assertThat(plan.prerequisitesOf("topics")).containsExactly("broker");
    assertThat(plan.prerequisitesOf("streaming")).containsExactlyInAnyOrder("schema", "topics");
    assertThat(plan.prerequisitesOf("api")).containsExactlyInAnyOrder("schema", "cache");
    assertThat(plan.prerequisitesOf("producer")).contains("topics");
  }
}
