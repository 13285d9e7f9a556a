package dev.perfkit.local.lambda;

import java.time.Instant;

/**
 * A version of a function as the Lambda API describes it at one moment.
 *
 * @param version {@code $LATEST} or a version number
 * @param config what the version runs
 * @param description the version's description: the function's for {@code $LATEST}, the one given
 *     on publishing for a version
 * @param revisionId changes with every change of the version (only {@code $LATEST} changes)
 * @param lastModified when the version's configuration or code last changed
 * @param updating whether an environment of an earlier configuration of {@code $LATEST} still runs
 *     ({@code LastUpdateStatus: InProgress})
 */
record VersionSnapshot(
    String version,
    FunctionConfig config,
    String description,
    String revisionId,
    Instant lastModified,
    boolean updating) {

  boolean isLatest() {
    return LambdaFunction.LATEST.equals(version);
  }
}
