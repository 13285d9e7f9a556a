package dev.perfkit.lab.runner;

import dev.perfkit.core.time.Sleeper;
import dev.perfkit.core.time.Ticker;
import dev.perfkit.lab.local.LocalLab;

/**
 * What every step of a run works with.
 *
 * @param calls the calls into the lab
 * @param console where the step says what it does and finds
 * @param plan the run's scale and the load each step drives
 * @param ticker the time source of durations, rates and deadlines
 * @param sleeper how a step waits between polls and paced requests
 */
record RunContext(Calls calls, Console console, RunPlan plan, Ticker ticker, Sleeper sleeper) {

  /** The lab the steps run against. */
  LocalLab lab() {
    return calls.lab();
  }
}
