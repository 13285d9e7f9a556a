/**
 * Memory tuning, the lab's Task 4.2 done properly: {@link dev.perfkit.lab.tune.MemoryTuner} sets
 * each memory size of a function with UpdateFunctionConfiguration, drives it, and reports duration
 * percentiles, cold starts and the cost per million invocations of each size, with the cheapest,
 * the fastest and a balanced choice ({@link dev.perfkit.lab.tune.TuningReport}), as a table, JSON
 * or a chart ({@link dev.perfkit.lab.tune.TuningChart}). It talks to any endpoint of the Lambda
 * API: the local Lambda, or AWS.
 */
package dev.perfkit.lab.tune;
