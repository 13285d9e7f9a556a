package dev.perfkit.lab.tune;

/** Drives the function at its current memory size and measures it. */
interface Driver {

  /** Where durations come from, for the report. */
  String durationSource();

  /** Sends the invocations and measures them; {@code memoryMb} is the size just set. */
  SizeResult measure(int memoryMb, TuningListener listener);
}
