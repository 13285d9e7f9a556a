package dev.perfkit.bench.metrics;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What one PerformanceFunction invocation records: the lab's {@code database_batch} operation on a
 * cold start, i.e. seven metrics (ColdStarts, BatchProcessingTime, RecordsProcessed, ExecutionTime,
 * RemainingTime, MemoryUtilization, SuccessfulInvocations), the dimension sets [FunctionName] and
 * [FunctionName, Operation], and four properties.
 */
@State(Scope.Thread)
public class Invocation {
  public String namespace = "HighPerformance";
  public String functionName = "perfkit-PerformanceFunction";
  public String operation = "database_batch";
  public String requestId = "8f5e6c2a-4b1d-4e7f-9a3c-2d1e0f9b8a76";
  public boolean coldStart = true;
  public long memorySizeMb = 1024;
  public String functionVersion = "$LATEST";
  public double batchProcessingTimeMs = 38.25;
  public long recordsProcessed = 300;
  public double executionTimeMs = 41.75;
  public double remainingTimeMs = 29957;
  public double memoryUtilizationPercent = 23.5;
}
