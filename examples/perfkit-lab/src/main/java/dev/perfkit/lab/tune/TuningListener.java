package dev.perfkit.lab.tune;

/** Told how a tuning run goes, e.g. to draw progress bars. Called from the tuning threads. */
public interface TuningListener {

  /** A listener that ignores everything. */
  TuningListener NONE = new TuningListener() {};

  /** Size number {@code index} (from 1) of {@code sizes} is being set. */
  default void sizeStarted(int memoryMb, int index, int sizes) {}

  /** {@code completed} of {@code total} invocations at this size have finished. */
  default void progress(int memoryMb, long completed, long total) {}

  /** A size is measured. */
  default void sizeFinished(SizeResult result) {}
}
