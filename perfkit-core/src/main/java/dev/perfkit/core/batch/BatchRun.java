package dev.perfkit.core.batch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The outcome of each record of one batch, handled in ordered groups: within a group, records run
 * one after another and the first failure stops the group; the groups run on the executor at once.
 * A standard SQS queue's groups are single messages; a FIFO queue is one group; a stream's groups
 * are its shards.
 */
final class BatchRun {

  private static final Object SUCCEEDED = new Object();

  /** Each slot is SUCCEEDED, the Throwable that failed the record, or null (not attempted). */
  private final Object[] outcomes;

  private BatchRun(Object[] outcomes) {
    this.outcomes = outcomes;
  }

  /**
   * Handles {@code records} in {@code groups} (lists of indices into {@code records}, each in the
   * order its records must keep) and waits for every group. A group the executor rejects fails its
   * first record with the rejection; an interrupt while waiting leaves the unfinished records not
   * attempted, with the thread's interrupt status set.
   */
  static <R> BatchRun run(
      List<R> records, List<List<Integer>> groups, RecordHandler<R> handler, Executor executor) {
    AtomicReferenceArray<Object> slots = new AtomicReferenceArray<>(records.size());
    CountDownLatch finished = new CountDownLatch(groups.size());
    for (List<Integer> group : groups) {
      try {
        executor.execute(
            () -> {
              try {
                handleInOrder(records, group, handler, slots);
              } finally {
                finished.countDown();
              }
            });
      } catch (RejectedExecutionException e) {
        slots.set(group.get(0), e);
        finished.countDown();
      }
    }
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Object[] snapshot = new Object[records.size()];
    for (int i = 0; i < snapshot.length; i++) {
      snapshot[i] = slots.get(i);
    }
    return new BatchRun(snapshot);
  }

  private static <R> void handleInOrder(
      List<R> records,
      List<Integer> group,
      RecordHandler<R> handler,
      AtomicReferenceArray<Object> slots) {
    for (int index : group) {
      Object outcome;
      try {
        handler.handle(records.get(index));
        outcome = SUCCEEDED;
      } catch (Throwable t) {
        outcome = t;
      }
      slots.set(index, outcome);
      if (outcome != SUCCEEDED) {
        return;
      }
    }
  }

  /** Whether the record at {@code index} was handled without throwing. */
  boolean succeeded(int index) {
    return outcomes[index] == SUCCEEDED;
  }

  /** What failed the record at {@code index}; null when it succeeded or was not attempted. */
  Throwable cause(int index) {
    return outcomes[index] instanceof Throwable t ? t : null;
  }

  /** Throws the first {@link Error} a handler threw, with any other as suppressed. */
  void rethrowErrors() {
    Error first = null;
    for (Object outcome : outcomes) {
      if (outcome instanceof Error error) {
        if (first == null) {
          first = error;
        } else if (error != first) {
          first.addSuppressed(error);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** The counts of this run, timed at {@code batchTime}. */
  BatchStatistics statistics(Duration batchTime) {
    int succeeded = 0;
    int failed = 0;
    for (Object outcome : outcomes) {
      if (outcome == SUCCEEDED) {
        succeeded++;
      } else if (outcome != null) {
        failed++;
      }
    }
    return new BatchStatistics(
        outcomes.length, succeeded, failed, outcomes.length - succeeded - failed, batchTime);
  }
}
