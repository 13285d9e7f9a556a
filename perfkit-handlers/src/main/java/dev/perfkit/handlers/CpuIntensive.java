package dev.perfkit.handlers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.perfkit.core.routing.IntRange;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.time.Ticker;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@code cpu_intensive}: the sum of {@code i * i} for {@code 0 <= i < iterations}, computed one
 * term at a time as the lab does, and returned exactly (it exceeds a long from about 3 million
 * iterations).
 */
final class CpuIntensive {

  /** The parameters: {@code iterations}, 0 to 100,000,000, default 1000. */
  record Params(Integer iterations) {
    static final IntRange ITERATIONS = IntRange.of("iterations", 0, 100_000_000).withDefault(1000);

    Params {
      iterations = ITERATIONS.validate(iterations);
    }
  }

  /** The lab's result; {@code result} is an exact JSON integer. */
  record Result(
      @JsonProperty("operation") String operation,
      @JsonProperty("iterations") int iterations,
      @JsonProperty("result") BigInteger result,
      @JsonProperty("cpu_time_ms") double cpuTimeMs,
      @JsonProperty("operations_per_second") BigDecimal operationsPerSecond) {}

  private final Ticker ticker;

  CpuIntensive(Ticker ticker) {
    this.ticker = ticker;
  }

  Result run(Params params, OperationContext context) {
    long start = ticker.read();
    BigInteger sum = sumOfSquaresBelow(params.iterations());
    long elapsed = ticker.read() - start;
    return new Result(
        PerformanceFunction.CPU_INTENSIVE,
        params.iterations(),
        sum,
        Millis.between(0, elapsed),
        Millis.perSecond(params.iterations(), elapsed));
  }

  /**
   * The sum of {@code i * i} for {@code 0 <= i < n}, accumulated in 128 bits (two longs, the carry
   * counted by an unsigned comparison) so that no term allocates; each square of an int fits a
   * long.
   */
  static BigInteger sumOfSquaresBelow(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, got " + n);
    }
    long high = 0;
    long low = 0;
    for (long i = 0; i < n; i++) {
      long next = low + i * i;
      if (Long.compareUnsigned(next, low) < 0) {
        high++;
      }
      low = next;
    }
    return BigInteger.valueOf(high).shiftLeft(Long.SIZE).add(unsigned(low));
  }

  private static BigInteger unsigned(long value) {
    BigInteger magnitude = BigInteger.valueOf(value & Long.MAX_VALUE);
    return value < 0 ? magnitude.setBit(Long.SIZE - 1) : magnitude;
  }
}
