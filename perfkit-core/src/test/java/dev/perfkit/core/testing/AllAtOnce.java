package dev.perfkit.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs one task on several threads that are all started before any is let go, so that they contend
 * for whatever the task touches: the harness of a thread-safety test.
 */
public final class AllAtOnce {

  private static final long START_SECONDS = 10;
  private static final long FINISH_SECONDS = 30;

  /**
   * What each thread runs.
   *
   * @param <T> what it returns
   */
  @FunctionalInterface
  public interface Task<T> {

    /**
     * Runs the task once.
     *
     * @param thread the thread's index, from 0
     * @return what the test collects; null for nothing
     * @throws Exception whatever the task throws: it fails the run
     */
    T run(int thread) throws Exception;
  }

  private AllAtOnce() {}

  /**
   * Runs {@code task} on {@code threads} threads at once and waits for all of them.
   *
   * @param threads how many threads
   * @param task what each runs
   * @param <T> what the task returns
   * @return what each thread returned, by index
   * @throws Exception what a thread threw (wrapped in an {@link
   *     java.util.concurrent.ExecutionException}), or a timeout when the threads did not start
   *     within 10 s or finish within 30 s
   */
  public static <T> List<T> run(int threads, Task<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.run(thread);
                }));
      }
      if (!ready.await(START_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(threads + " threads did not start within 10 s");
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(FINISH_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
