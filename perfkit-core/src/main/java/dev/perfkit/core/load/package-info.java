/**
 * Load generation: {@link dev.perfkit.core.load.LoadGenerator} drives a {@link
 * dev.perfkit.core.load.Target} closed-loop or open-loop and returns a mergeable {@link
 * dev.perfkit.core.load.LoadReport} with HdrHistogram latencies.
 */
package dev.perfkit.core.load;
