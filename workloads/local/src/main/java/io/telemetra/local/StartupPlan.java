package io.telemetra.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The steps of a start-up and what each waits for. Steps whose prerequisites are done run at the
 * same time (the broker and Postgres start together); a failed step fails the whole start-up.
 */
public final class StartupPlan {

  /** One unit of start-up work. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  private record Step(String name, List<String> after, Action action) {}

  private final Map<String, Step> steps = new LinkedHashMap<>();

  /** Adds a step that runs once all {@code after} steps have finished. */
  public StartupPlan step(String name, List<String> after, Action action) {
    for (String prerequisite : after) {
      if (!steps.containsKey(prerequisite)) {
        throw new IllegalArgumentException(
            "step " + name + " waits for " + prerequisite + ", which is not planned before it");
      }
    }
    if (steps.putIfAbsent(name, new Step(name, List.copyOf(after), action)) != null) {
      throw new IllegalArgumentException("step " + name + " planned twice");
    }
    return this;
  }

  /** The steps {@code name} waits for. */
  public List<String> prerequisitesOf(String name) {
    Step step = steps.get(name);
    if (step == null) {
      throw new IllegalArgumentException("no step " + name);
    }
    return step.after();
  }

  public List<String> stepNames() {
    return new ArrayList<>(steps.keySet());
  }

  /** Runs all steps; rethrows the first failure (other running steps finish on their own). */
  public void run() throws Exception {
    ExecutorService pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "startup");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<String, CompletableFuture<Void>> done = new LinkedHashMap<>();
      for (Step step : steps.values()) {
        CompletableFuture<?>[] prerequisites =
            step.after().stream().map(done::get).toArray(CompletableFuture[]::new);
        done.put(
            step.name(),
            CompletableFuture.allOf(prerequisites)
                .thenRunAsync(
                    () -> {
                      try {
                        step.action().run();
                      } catch (Exception e) {
                        throw new CompletionException(e);
                      }
                    },
                    pool));
      }
      awaitAll(new ArrayList<>(done.values()));
    } finally {
      pool.shutdown();
    }
  }

  private static void awaitAll(List<CompletableFuture<Void>> all) throws Exception {
    CompletableFuture<Object> firstFailure = new CompletableFuture<>();
    all.forEach(
        f ->
            f.whenComplete(
                (ok, e) -> {
                  if (e != null) {
                    firstFailure.completeExceptionally(e);
                  }
                }));
    CompletableFuture.anyOf(
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)), firstFailure)
        .exceptionally(e -> null)
        .join();
    if (firstFailure.isCompletedExceptionally()) {
      try {
        firstFailure.join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        while (cause instanceof CompletionException && cause.getCause() != null) {
          cause = cause.getCause();
        }
        if (cause instanceof Exception ex) {
          throw ex;
        }
        throw new IllegalStateException(cause);
      }
    }
  }
}
