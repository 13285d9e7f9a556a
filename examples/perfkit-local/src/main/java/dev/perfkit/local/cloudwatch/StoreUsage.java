package dev.perfkit.local.cloudwatch;

/**
 * How full the local CloudWatch's metric store is, and what it refused or could not keep.
 *
 * @param metrics distinct metrics (namespace, name and dimension set) with data
 * @param buckets buckets held: one per metric, second (high resolution) or minute (standard), unit
 *     and resolution
 * @param bucketLimit the bound on {@code buckets}; a sample needing a new bucket beyond it is
 *     refused
 * @param rawValues raw values kept for percentiles
 * @param rawValueLimit the bound on {@code rawValues}; later values are aggregated only
 * @param refusedSamples samples refused at the bucket bound (their data is lost)
 * @param valuesWithoutPercentiles values aggregated without being kept: periods holding one have no
 *     percentiles
 * @param emfDocumentsExtracted log lines whose embedded metric format document was extracted
 * @param emfDocumentsRejected log lines with an {@code _aws} member that failed EMF validation or
 *     parsing, left as log lines as CloudWatch Logs leaves them
 */
public record StoreUsage(
    int metrics,
    int buckets,
    int bucketLimit,
    long rawValues,
    long rawValueLimit,
    long refusedSamples,
    long valuesWithoutPercentiles,
    long emfDocumentsExtracted,
    long emfDocumentsRejected) {

  /**
   * Whether the store lost or degraded nothing.
   *
   * @return true when no sample was refused and every value was kept
   */
  public boolean complete() {
    return refusedSamples == 0 && valuesWithoutPercentiles == 0;
  }
}
