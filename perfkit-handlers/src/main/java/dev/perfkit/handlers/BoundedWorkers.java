package dev.perfkit.handlers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;

/**
 * Runs tasks 0..n-1 on a shared executor with at most {@code maxWorkers} of them at once for this
 * call, however many threads the executor has: each worker takes the next task until none is left,
 * the caller says stop, or a task fails.
 */
final class BoundedWorkers {

  /** One task, by its index. */
  @FunctionalInterface
  interface IndexedTask<R> {
    R run(int index) throws Exception;
  }

  private BoundedWorkers() {}

  /**
   * Runs the tasks and waits for them.
   *
   * @param mayStartAnother asked before each task; once false, no task starts
   * @return each task's result by index, null for the tasks that were not started
   * @throws Exception the first failure of a task, after every worker has stopped
   */
  static <R> List<R> run(
      Executor executor,
      int count,
      int maxWorkers,
      BooleanSupplier mayStartAnother,
      IndexedTask<R> task)
      throws Exception {
    AtomicReferenceArray<R> results = new AtomicReferenceArray<>(count);
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Exception> failure = new AtomicReference<>();
    int workers = Math.min(count, maxWorkers);
    List<CompletableFuture<Void>> running = new ArrayList<>(workers);
    try {
      for (int w = 0; w < workers; w++) {
        running.add(
            CompletableFuture.runAsync(
                () -> work(count, next, failure, results, mayStartAnother, task), executor));
      }
    } catch (RejectedExecutionException e) {
      // The workers already started stop at their next task; they are waited for below.
      failure.compareAndSet(null, e);
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture<?>[]::new)).get();
    } catch (InterruptedException e) {
      failure.compareAndSet(null, e);
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      failure.compareAndSet(null, asException(e.getCause()));
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    List<R> ordered = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ordered.add(results.get(i));
    }
    return ordered;
  }

  private static <R> void work(
      int count,
      AtomicInteger next,
      AtomicReference<Exception> failure,
      AtomicReferenceArray<R> results,
      BooleanSupplier mayStartAnother,
      IndexedTask<R> task) {
    while (failure.get() == null && mayStartAnother.getAsBoolean()) {
      int index = next.getAndIncrement();
      if (index >= count) {
        return;
      }
      try {
        results.set(index, task.run(index));
      } catch (InterruptedException e) {
        failure.compareAndSet(null, e);
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        failure.compareAndSet(null, e);
        return;
      }
    }
  }

  private static Exception asException(Throwable cause) {
    if (cause instanceof Exception exception) {
      return exception;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }
}
