package dev.perfkit.core.load;

/**
 * Receives {@link Progress} every N completed requests, and once at the end if the last count was
 * not a multiple of N. Called from the generator's worker threads: keep it quick and thread-safe.
 * An exception it throws aborts the run and is rethrown by {@link LoadGenerator#run}.
 */
@FunctionalInterface
public interface ProgressListener {

  /**
   * Called with the current counts.
   *
   * @param progress the counts so far and the time since the run started
   */
  void onProgress(Progress progress);
}
