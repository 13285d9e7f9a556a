package dev.perfkit.local.cloudwatch;

import java.time.Instant;

/**
 * The periods a query's values are computed for, as CloudWatch lays them out: the start time is
 * rounded down to a whole minute, or, for a period of 1, 5, 10, 20 or 30 seconds, to a multiple of
 * the period; each period covers {@code [start + k*period, start + (k+1)*period)} and the last one
 * begins before the end time.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html">GetMetricData:
 *     StartTime</a>
 */
record TimeGrid(long startSecond, long endSecond, int period) {

  /** The grid of {@code period} seconds from {@code start} (rounded down) to {@code end}. */
  static TimeGrid of(Instant start, Instant end, int period) {
    long rounding = period < 60 ? period : 60;
    long first = Math.floorDiv(start.getEpochSecond(), rounding) * rounding;
    long last = end.getEpochSecond() + (end.getNano() > 0 ? 1 : 0);
    return new TimeGrid(first, last, period);
  }

  /** Whether {@code period} is one CloudWatch accepts: 1, 5, 10, 20, 30 or a multiple of 60. */
  static boolean validPeriod(int period) {
    return period == 1
        || period == 5
        || period == 10
        || period == 20
        || period == 30
        || (period > 0 && period % 60 == 0);
  }

  /** How many periods the grid has. */
  long count() {
    return endSecond <= startSecond ? 0 : (endSecond - startSecond + period - 1) / period;
  }

  /** The start, in epoch seconds, of the period holding {@code epochSecond}; -1 when outside. */
  long periodOf(long epochSecond) {
    if (epochSecond < startSecond || epochSecond >= endSecond) {
      return -1;
    }
    return startSecond + (epochSecond - startSecond) / period * period;
  }

  /** The start of period {@code index}. */
  long periodStart(long index) {
    return startSecond + index * period;
  }
}
