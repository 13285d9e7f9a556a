package dev.perfkit.local.cloudwatch;

import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.StorageResolution;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The metrics, kept for the store's lifetime (a run) within two bounds: at most {@code maxBuckets}
 * buckets (one per metric, second or minute, unit and resolution; about 200 bytes each) and at most
 * {@code maxValues} raw values kept for percentiles (8 to 16 bytes each).
 *
 * <p>At the bucket bound a sample that needs a new bucket is refused and counted; samples for
 * existing buckets are still added. At the value bound values are still aggregated (SampleCount,
 * Sum, Average, Minimum and Maximum stay exact) but no longer kept, so percentiles of the periods
 * they fall in have no value. Both are counted in {@link #usage(long, long)} and logged once.
 */
final class MetricStore {

  private static final System.Logger LOG = System.getLogger(LocalCloudWatch.class.getName());

  private final int maxBuckets;
  private final long maxValues;
  private final Map<MetricKey, NavigableMap<Long, List<Bucket>>> series = new HashMap<>();
  private final Map<MetricKey, Instant> latest = new HashMap<>();
  private int buckets;
  private long values;
  private long refusedSamples;
  private long unkeptValues;

  MetricStore(int maxBuckets, long maxValues) {
    this.maxBuckets = maxBuckets;
    this.maxValues = maxValues;
  }

  /** Adds {@code sample}; false when it needed a new bucket and the store is at its bound. */
  synchronized boolean put(Sample sample) {
    long second = sample.timestamp().getEpochSecond();
    if (sample.resolution() == StorageResolution.STANDARD) {
      second = Math.floorDiv(second, 60) * 60;
    }
    NavigableMap<Long, List<Bucket>> buckets =
        series.computeIfAbsent(sample.key(), key -> new TreeMap<>());
    List<Bucket> atSecond = buckets.computeIfAbsent(second, s -> new ArrayList<>(1));
    Bucket bucket = find(atSecond, sample.unit(), sample.resolution());
    if (bucket == null) {
      if (this.buckets >= maxBuckets) {
        if (refusedSamples++ == 0) {
          LOG.log(
              System.Logger.Level.WARNING,
              "the local CloudWatch holds its bound of "
                  + maxBuckets
                  + " buckets: samples for new periods are refused from now on");
        }
        if (atSecond.isEmpty()) {
          buckets.remove(second);
          if (buckets.isEmpty()) {
            series.remove(sample.key());
          }
        }
        return false;
      }
      bucket = new Bucket(second, sample.unit(), sample.resolution());
      atSecond.add(bucket);
      this.buckets++;
    }
    add(bucket, sample);
    latest.merge(sample.key(), sample.timestamp(), (a, b) -> a.isAfter(b) ? a : b);
    return true;
  }

  private void add(Bucket bucket, Sample sample) {
    Sample.StatisticSet set = sample.set();
    if (set != null) {
      boolean single =
          set.sampleCount() == 1 && set.minimum() == set.maximum() && set.sum() == set.minimum();
      boolean repeated =
          set.minimum() == set.maximum() && set.sum() == set.minimum() * set.sampleCount();
      // CloudWatch keeps percentiles of a statistic set only when it is one value repeated.
      if (single || repeated) {
        bucket.add(set.minimum(), set.sampleCount(), keep());
      } else {
        bucket.addAggregates(set.sampleCount(), set.sum(), set.minimum(), set.maximum());
      }
      return;
    }
    double[] counts = sample.counts();
    for (int i = 0; i < sample.values().length; i++) {
      bucket.add(sample.values()[i], counts == null ? 1 : counts[i], keep());
    }
  }

  private boolean keep() {
    if (values < maxValues) {
      values++;
      return true;
    }
    if (unkeptValues++ == 0) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the local CloudWatch holds its bound of "
              + maxValues
              + " raw values: later values are aggregated without percentiles");
    }
    return false;
  }

  private static Bucket find(List<Bucket> buckets, MetricUnit unit, StorageResolution resolution) {
    for (Bucket bucket : buckets) {
      if (bucket.unit == unit && bucket.resolution == resolution) {
        return bucket;
      }
    }
    return null;
  }

  /** Every metric that has data, in CloudWatch's order of namespace, name and dimensions. */
  synchronized List<MetricKey> metrics() {
    List<MetricKey> keys = new ArrayList<>(series.keySet());
    keys.sort(null);
    return keys;
  }

  /** The timestamp of the latest value of {@code key}. */
  synchronized Optional<Instant> latest(MetricKey key) {
    return Optional.ofNullable(latest.get(key));
  }

  /**
   * The datapoints of {@code key} on {@code grid}, in time order: one per period with data, or,
   * {@code byUnit}, one per period and unit. Only values of {@code unit} count when it is not null.
   */
  synchronized List<Aggregate> aggregate(
      MetricKey key, TimeGrid grid, MetricUnit unit, boolean byUnit) {
    Objects.requireNonNull(grid, "grid");
    NavigableMap<Long, List<Bucket>> buckets = series.get(key);
    if (buckets == null) {
      return List.of();
    }
    Map<Long, Map<MetricUnit, List<Bucket>>> periods = new TreeMap<>();
    for (Map.Entry<Long, List<Bucket>> entry :
        buckets.subMap(grid.startSecond(), true, grid.endSecond(), false).entrySet()) {
      long period = grid.periodOf(entry.getKey());
      for (Bucket bucket : entry.getValue()) {
        if (period < 0 || (unit != null && bucket.unit != unit)) {
          continue;
        }
        periods
            .computeIfAbsent(period, p -> new LinkedHashMap<>())
            .computeIfAbsent(byUnit ? bucket.unit : null, u -> new ArrayList<>())
            .add(bucket);
      }
    }
    List<Aggregate> datapoints = new ArrayList<>();
    periods.forEach(
        (period, byUnits) ->
            byUnits
                .values()
                .forEach(
                    group -> datapoints.add(Aggregate.of(Instant.ofEpochSecond(period), group))));
    return datapoints;
  }

  /**
   * The values of {@code statistic} of {@code key} on {@code grid}, by period start in epoch
   * seconds, and whether a percentile had no value in some period with data (and why).
   */
  StatSeries series(MetricKey key, TimeGrid grid, MetricUnit unit, Statistic statistic) {
    NavigableMap<Long, Double> points = new TreeMap<>();
    Aggregate.PercentileGap gap = null;
    for (Aggregate aggregate : aggregate(key, grid, unit, false)) {
      OptionalDouble value = aggregate.value(statistic);
      if (value.isPresent()) {
        points.put(aggregate.timestamp.getEpochSecond(), value.getAsDouble());
      } else if (gap == null) {
        gap = aggregate.percentileGap;
      }
    }
    return new StatSeries(points, Optional.ofNullable(gap));
  }

  /** A statistic's values by period, and why a percentile is missing in some periods. */
  record StatSeries(NavigableMap<Long, Double> points, Optional<Aggregate.PercentileGap> gap) {}

  /** Calls {@code action} with each metric's buckets in time order, under the store's lock. */
  synchronized void forEach(BiConsumer<MetricKey, List<Bucket>> action) {
    for (MetricKey key : metrics()) {
      List<Bucket> all = new ArrayList<>();
      series.get(key).values().forEach(all::addAll);
      action.accept(key, all);
    }
  }

  synchronized StoreUsage usage(long emfExtracted, long emfRejected) {
    return new StoreUsage(
        series.size(),
        buckets,
        maxBuckets,
        values,
        maxValues,
        refusedSamples,
        unkeptValues,
        emfExtracted,
        emfRejected);
  }
}
