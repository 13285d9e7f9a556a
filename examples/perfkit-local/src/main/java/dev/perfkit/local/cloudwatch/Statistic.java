package dev.perfkit.local.cloudwatch;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statistic CloudWatch computes over a period: SampleCount, Sum, Average, Minimum, Maximum, or a
 * percentile {@code pNN} (0 to 100, up to ten decimals, e.g. {@code p99.9}).
 *
 * <p>Trimmed means, winsorized means, percentile ranks, trimmed counts and sums are CloudWatch
 * statistics this local store does not compute; asking for one is refused with the list above.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html">CloudWatch
 *     statistics definitions</a>
 */
record Statistic(String name, Kind kind, double percentile) {

  enum Kind {
    SAMPLE_COUNT,
    SUM,
    AVERAGE,
    MINIMUM,
    MAXIMUM,
    PERCENTILE
  }

  static final String ALLOWED =
      "SampleCount, Sum, Average, Minimum, Maximum, or a percentile p0 to p100 (e.g. p99.9)";

  private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,3}(?:\\.\\d{1,10})?)");

  /** The statistic named {@code name}, or empty when CloudWatch's local store has none such. */
  static Optional<Statistic> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return switch (name) {
      case "SampleCount" -> Optional.of(new Statistic(name, Kind.SAMPLE_COUNT, 0));
      case "Sum" -> Optional.of(new Statistic(name, Kind.SUM, 0));
      case "Average" -> Optional.of(new Statistic(name, Kind.AVERAGE, 0));
      case "Minimum" -> Optional.of(new Statistic(name, Kind.MINIMUM, 0));
      case "Maximum" -> Optional.of(new Statistic(name, Kind.MAXIMUM, 0));
      default -> percentile(name);
    };
  }

  private static Optional<Statistic> percentile(String name) {
    Matcher matcher = PERCENTILE.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    BigDecimal percentile = new BigDecimal(matcher.group(1));
    if (percentile.compareTo(BigDecimal.valueOf(100)) > 0) {
      return Optional.empty();
    }
    return Optional.of(new Statistic(name, Kind.PERCENTILE, percentile.doubleValue()));
  }

  boolean isPercentile() {
    return kind == Kind.PERCENTILE;
  }
}
