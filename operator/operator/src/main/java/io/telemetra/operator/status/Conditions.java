package io.telemetra.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** Standard Kubernetes conditions whose lastTransitionTime changes only when the status flips. */
public final class Conditions {

  private Conditions() {}

  /** The condition for {@code part}, keeping the previous transition time if the status held. */
  public static Condition of(
      PartState part, List<Condition> previous, long observedGeneration, Clock clock) {
    return of(
        part.type(),
        part.ready(),
        part.reason(),
        part.message(),
        previous,
        observedGeneration,
        clock);
  }

  /** A condition of {@code type}, keeping the previous transition time if the status held. */
  public static Condition of(
      String type,
      boolean isTrue,
      Reason reason,
      String message,
      List<Condition> previous,
      long observedGeneration,
      Clock clock) {
    String status = isTrue ? "True" : "False";
    String transitionTime =
        find(previous, type)
            .filter(old -> Objects.equals(old.getStatus(), status))
            .map(Condition::getLastTransitionTime)
            .orElseGet(() -> now(clock));
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason.name())
        .withMessage(message)
        .withObservedGeneration(observedGeneration)
        .withLastTransitionTime(transitionTime)
        .build();
  }

  /** The conditions for all parts, in the given order, each with the generation it observed. */
  public static List<Condition> of(
      List<PartState> parts,
      List<Condition> previous,
      ToLongFunction<String> observedGeneration,
      Clock clock) {
    List<Condition> result = new ArrayList<>();
    for (PartState part : parts) {
      result.add(of(part, previous, observedGeneration.applyAsLong(part.type()), clock));
    }
    return result;
  }

  public static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public static boolean isTrue(List<Condition> conditions, String type) {
    return find(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  private static String now(Clock clock) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.now(clock).truncatedTo(ChronoUnit.SECONDS));
  }
}
