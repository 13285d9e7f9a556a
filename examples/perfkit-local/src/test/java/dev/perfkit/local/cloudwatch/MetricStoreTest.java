package dev.perfkit.local.cloudwatch;

import static dev.perfkit.local.cloudwatch.CloudWatchTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.StorageResolution;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** CloudWatch's statistics semantics, on the store itself. */
class MetricStoreTest {

  private static final Instant MINUTE = NOW.truncatedTo(ChronoUnit.MINUTES);
  private static final MetricKey LATENCY =
      MetricKey.of("Test", "Latency", List.of(new Dimension("FunctionName", "fn")));

  private final MetricStore store = new MetricStore(1_000, 10_000);

  private void put(Instant at, StorageResolution resolution, double... values) {
    store.put(new Sample(LATENCY, at, MetricUnit.MILLISECONDS, resolution, values, null, null));
  }

  private NavigableMap<Long, Double> series(String statistic, int period) {
    return store
        .series(
            LATENCY,
            TimeGrid.of(MINUTE.minusSeconds(600), MINUTE.plusSeconds(600), period),
            null,
            Statistic.parse(statistic).orElseThrow())
        .points();
  }

  private double single(String statistic) {
    NavigableMap<Long, Double> points = series(statistic, 3600);
    assertThat(points).as(statistic).hasSize(1);
    return points.firstEntry().getValue();
  }

  @Test
  void percentile_isTheNearestRankOfTheSortedValues() {
    put(
        MINUTE,
        StorageResolution.STANDARD,
        IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray());

    // "p99 is the maximum value of the remaining 99%" once the highest 1% is ignored
    assertThat(single("p99")).isEqualTo(99.0);
    assertThat(single("p50")).isEqualTo(50.0);
    assertThat(single("p99.9")).isEqualTo(100.0);
    assertThat(single("p0")).isEqualTo(1.0);
    assertThat(single("p100")).isEqualTo(100.0);
  }

  @Test
  void statistics_sumSampleCountAverageMinimumMaximum_overThePeriod() {
    put(MINUTE.minusSeconds(120), StorageResolution.STANDARD, 1, 2);
    put(MINUTE.minusSeconds(60), StorageResolution.STANDARD, 3, 6);

    assertThat(single("Sum")).isEqualTo(12.0);
    assertThat(single("SampleCount")).isEqualTo(4.0);
    assertThat(single("Average")).isEqualTo(3.0);
    assertThat(single("Minimum")).isEqualTo(1.0);
    assertThat(single("Maximum")).isEqualTo(6.0);
  }

  @Test
  void statisticSetOfOneRepeatedValue_keepsPercentiles_otherStatisticSetsDoNot() {
    store.put(
        new Sample(
            LATENCY,
            MINUTE,
            MetricUnit.MILLISECONDS,
            StorageResolution.STANDARD,
            new double[0],
            null,
            new Sample.StatisticSet(3, 15, 5, 5)));
    assertThat(single("p90")).isEqualTo(5.0);

    store.put(
        new Sample(
            LATENCY,
            MINUTE,
            MetricUnit.MILLISECONDS,
            StorageResolution.STANDARD,
            new double[0],
            null,
            new Sample.StatisticSet(2, 3, 1, 2)));
    assertThat(series("p90", 3600)).isEmpty();
    assertThat(single("Sum")).isEqualTo(18.0);
  }

  @Test
  void percentile_ofAPeriodWithANegativeValue_hasNoValue() {
    put(MINUTE, StorageResolution.STANDARD, 4, -1);

    MetricStore.StatSeries p50 =
        store.series(
            LATENCY,
            TimeGrid.of(MINUTE, MINUTE.plusSeconds(60), 60),
            null,
            Statistic.parse("p50").orElseThrow());

    assertThat(p50.points()).isEmpty();
    assertThat(p50.gap()).contains(Aggregate.PercentileGap.NEGATIVE_VALUES);
  }

  @Test
  void standardResolution_storesOneBucketPerMinute_highResolutionOnePerSecond() {
    put(MINUTE.plusSeconds(10), StorageResolution.STANDARD, 1);
    put(MINUTE.plusSeconds(50), StorageResolution.STANDARD, 1);
    put(MINUTE.plusSeconds(10), StorageResolution.HIGH, 1);
    put(MINUTE.plusSeconds(50), StorageResolution.HIGH, 1);

    // the standard values both land at the minute's start; the high-resolution ones at :10, :50
    assertThat(series("SampleCount", 10))
        .containsExactly(
            Map.entry(MINUTE.getEpochSecond(), 2.0),
            Map.entry(MINUTE.plusSeconds(10).getEpochSecond(), 1.0),
            Map.entry(MINUTE.plusSeconds(50).getEpochSecond(), 1.0));
  }

  @Test
  void timeGrid_roundsTheStartDownToTheMinute_orToThePeriodBelowAMinute() {
    Instant start = MINUTE.plusSeconds(23);

    assertThat(TimeGrid.of(start, start.plusSeconds(600), 300).startSecond())
        .isEqualTo(MINUTE.getEpochSecond());
    assertThat(TimeGrid.of(start, start.plusSeconds(600), 10).startSecond())
        .isEqualTo(MINUTE.plusSeconds(20).getEpochSecond());
    assertThat(TimeGrid.validPeriod(20)).isTrue();
    assertThat(TimeGrid.validPeriod(90)).isFalse();
  }

  @Test
  void dimensions_matchExactly_aSubsetFindsNothing() {
    MetricKey withOperation =
        MetricKey.of(
            "Test",
            "Latency",
            List.of(new Dimension("FunctionName", "fn"), new Dimension("Operation", "op")));
    store.put(
        Sample.of(withOperation, MINUTE, MetricUnit.MILLISECONDS, StorageResolution.STANDARD, 7));

    assertThat(series("Sum", 60)).isEmpty();
    assertThat(store.metrics()).containsExactly(withOperation);
  }

  @Test
  void unit_selectsOnlyTheValuesPublishedInIt() {
    put(MINUTE, StorageResolution.STANDARD, 5);
    store.put(Sample.of(LATENCY, MINUTE, MetricUnit.SECONDS, StorageResolution.STANDARD, 2));
    TimeGrid grid = TimeGrid.of(MINUTE, MINUTE.plusSeconds(60), 60);
    Statistic sum = Statistic.parse("Sum").orElseThrow();

    assertThat(store.series(LATENCY, grid, MetricUnit.SECONDS, sum).points())
        .containsExactly(Map.entry(MINUTE.getEpochSecond(), 2.0));
    assertThat(store.series(LATENCY, grid, null, sum).points())
        .containsExactly(Map.entry(MINUTE.getEpochSecond(), 7.0));
  }

  @Test
  void bucketBound_refusesSamplesForNewBuckets_andCountsThem() {
    MetricStore small = new MetricStore(2, 100);
    for (int minute = 0; minute < 3; minute++) {
      small.put(
          Sample.of(
              LATENCY,
              MINUTE.plusSeconds(60L * minute),
              MetricUnit.COUNT,
              StorageResolution.STANDARD,
              1));
    }
    boolean existing =
        small.put(Sample.of(LATENCY, MINUTE, MetricUnit.COUNT, StorageResolution.STANDARD, 1));

    StoreUsage usage = small.usage(0, 0);
    assertThat(existing).isTrue();
    assertThat(usage.buckets()).isEqualTo(2);
    assertThat(usage.refusedSamples()).isOne();
    assertThat(usage.complete()).isFalse();
  }

  @Test
  void rawValueBound_keepsAggregatesExact_butPercentilesHaveNoValue() {
    MetricStore small = new MetricStore(100, 2);
    small.put(
        new Sample(
            LATENCY,
            MINUTE,
            MetricUnit.COUNT,
            StorageResolution.STANDARD,
            new double[] {1, 2, 3},
            null,
            null));
    TimeGrid grid = TimeGrid.of(MINUTE, MINUTE.plusSeconds(60), 60);

    MetricStore.StatSeries p50 =
        small.series(LATENCY, grid, null, Statistic.parse("p50").orElseThrow());
    assertThat(p50.points()).isEmpty();
    assertThat(p50.gap()).contains(Aggregate.PercentileGap.NO_RAW_VALUES);
    assertThat(small.series(LATENCY, grid, null, Statistic.parse("Sum").orElseThrow()).points())
        .containsExactly(Map.entry(MINUTE.getEpochSecond(), 6.0));
    assertThat(small.usage(0, 0).valuesWithoutPercentiles()).isOne();
  }

  @Test
  void statistic_unknownOrOutOfRange_isNotParsed() {
    assertThat(Statistic.parse("p101")).isEmpty();
    assertThat(Statistic.parse("tm99")).isEmpty();
    assertThat(Statistic.parse("average")).isEmpty();
    assertThat(Statistic.parse("p99.99")).get().extracting(Statistic::percentile).isEqualTo(99.99);
  }
}
