package dev.perfkit.local.cloudwatch;

import static dev.perfkit.local.cloudwatch.CloudWatchTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Metric math as CloudWatch evaluates it, over series of equal timestamps. */
class MetricMathTest {

  private static final long T0 = NOW.truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
  private static final TimeGrid GRID =
      TimeGrid.of(
          NOW.truncatedTo(ChronoUnit.MINUTES),
          NOW.truncatedTo(ChronoUnit.MINUTES).plusSeconds(180),
          60);

  private static NavigableMap<Long, Double> series(double... values) {
    NavigableMap<Long, Double> series = new TreeMap<>();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        series.put(T0 + 60L * i, values[i]);
      }
    }
    return series;
  }

  private static final Map<String, NavigableMap<Long, Double>> QUERIES =
      Map.of(
          "errors", series(1, 0, 2),
          "calls", series(4, 0, Double.NaN),
          "other", series(5, 5, 5));

  private static NavigableMap<Long, Double> evaluate(String expression) {
    return MetricMath.evaluate(
        expression,
        new MetricMath.Context(QUERIES::get, List.of("errors", "calls", "other"), GRID));
  }

  @Test
  void arithmeticOnTwoSeries_pairsEqualTimestamps_andDropsDivisionByZero() {
    assertThat(evaluate("100 * errors / calls")).isEqualTo(series(25));
  }

  @Test
  void sumOfAnArray_addsTheValuesAtEachTimestamp() {
    assertThat(evaluate("SUM([errors, other])")).isEqualTo(series(6, 5, 7));
  }

  @Test
  void metricsWithAFilter_selectsTheQueriesWhoseIdContainsIt() {
    assertThat(evaluate("MAX(METRICS(\"er\"))")).isEqualTo(series(5, 5, 5));
    assertThat(evaluate("AVG(METRICS())")).isEqualTo(series(10 / 3.0, 5 / 3.0, 3.5));
  }

  @Test
  void functionOfOneSeries_isANumber_drawnAcrossTheGrid() {
    assertThat(evaluate("SUM(errors)")).isEqualTo(series(3, 3, 3));
  }

  @Test
  void fill_givesMissingPeriodsTheValue() {
    assertThat(evaluate("FILL(calls, 0)")).isEqualTo(series(4, 0, 0));
  }

  @Test
  void unknownFunctionOrId_isRefusedByName() {
    assertThatThrownBy(() -> evaluate("ANOMALY_DETECTION_BAND(errors)"))
        .hasMessageContaining("function ANOMALY_DETECTION_BAND is not supported here");
    assertThatThrownBy(() -> evaluate("errors + missing"))
        .hasMessageContaining("'missing' is not the id of a query in this request");
    assertThatThrownBy(() -> evaluate("errors +"))
        .hasMessageContaining("the expression ends too early");
  }
}
