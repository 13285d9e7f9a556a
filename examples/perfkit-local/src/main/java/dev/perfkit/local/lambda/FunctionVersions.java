package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.LambdaFunction.LATEST;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A function's {@code $LATEST} and published versions, each with its idle on-demand environments.
 * Guarded by the owning function's monitor: callers hold it.
 */
final class FunctionVersions {

  /** A version's configuration and its idle on-demand environments. */
  static final class Version {
    final String id;
    FunctionConfig config;
    int generation;
    final String description;
    String revisionId = RevisionIds.next();
    Instant lastModified;
    final IdleEnvironments idle = new IdleEnvironments();

    Version(String id, FunctionConfig config, String description, Instant lastModified) {
      this.id = id;
      this.config = config;
      this.description = description;
      this.lastModified = lastModified;
    }
  }

  private final String functionName;
  private final Host host;
  private final Set<ExecutionEnvironment> environments;
  private final Map<String, Version> versions = new LinkedHashMap<>();
  private int lastPublished;

  /**
   * @param environments the function's running environments, read to tell whether an update of
   *     {@code $LATEST} is still being applied
   */
  FunctionVersions(Host host, FunctionConfig config, Set<ExecutionEnvironment> environments) {
    this.functionName = config.name();
    this.host = host;
    this.environments = environments;
    versions.put(LATEST, new Version(LATEST, config, "", host.clock().instant()));
  }

  Version latest() {
    return versions.get(LATEST);
  }

  /** The version with this id; null when there is none. */
  Version find(String id) {
    return versions.get(id);
  }

  Version existing(String version) {
    Version target = versions.get(version);
    if (target == null) {
      throw LocalLambdaException.notFound(
          "Function not found: " + host.functionArn(functionName) + ":" + version);
    }
    return target;
  }

  /** {@code $LATEST} and the published versions, in order. */
  List<VersionSnapshot> snapshots() {
    return versions.values().stream().map(this::snapshot).toList();
  }

  VersionSnapshot snapshot(Version version) {
    boolean latestVersion = LATEST.equals(version.id);
    return new VersionSnapshot(
        version.id,
        version.config,
        latestVersion ? version.config.description() : version.description,
        version.revisionId,
        version.lastModified,
        latestVersion && updateInProgress());
  }

  /**
   * Publishes {@code $LATEST} as a new version, unless the last version runs the same configuration
   * and code: then that one is answered, as Lambda does.
   *
   * @param description the version's description; empty for the function's
   * @param expectedRevision the {@code RevisionId} {@code $LATEST} must have, if given
   */
  LambdaFunction.Published publish(String description, Optional<String> expectedRevision) {
    Version current = latest();
    RevisionIds.check(expectedRevision, current.revisionId, "GetFunction");
    FunctionConfig latest = current.config;
    if (lastPublished > 0) {
      Version last = versions.get(Integer.toString(lastPublished));
      if (sameVersion(last.config, latest)) {
        return new LambdaFunction.Published(last.id, false);
      }
    }
    lastPublished++;
    String id = Integer.toString(lastPublished);
    versions.put(
        id,
        new Version(
            id,
            latest,
            description.isEmpty() ? latest.description() : description,
            host.clock().instant()));
    return new LambdaFunction.Published(id, true);
  }

  /** Whether two configurations run the same: reserved concurrency belongs to no version. */
  static boolean sameVersion(FunctionConfig published, FunctionConfig latest) {
    return published.toBuilder()
        .unreserved()
        .build()
        .equals(latest.toBuilder().unreserved().build());
  }

  /** Removes a version; returns its idle environments, to be stopped. */
  List<ExecutionEnvironment> remove(Version target) {
    versions.remove(target.id);
    return target.idle.clear();
  }

  /** Takes back an idle on-demand environment; false when its version moved on or is gone. */
  boolean keepIdle(ExecutionEnvironment environment) {
    Version version = versions.get(environment.version);
    if (version == null || version.generation != environment.generation) {
      return false;
    }
    version.idle.add(environment, host.ticker().read());
    return true;
  }

  /** Takes out the environments idle since {@code cutoffNanos} or before, to be stopped. */
  List<ExecutionEnvironment> removeIdleSince(long cutoffNanos) {
    List<ExecutionEnvironment> expired = new ArrayList<>();
    versions.values().forEach(version -> expired.addAll(version.idle.removeIdleSince(cutoffNanos)));
    return expired;
  }

  void forget(ExecutionEnvironment environment) {
    versions.values().forEach(version -> version.idle.remove(environment));
  }

  /**
   * Whether the last update of {@code $LATEST} is still being applied: an environment started with
   * an earlier configuration is still running (finishing an invocation, or stopping).
   */
  private boolean updateInProgress() {
    int generation = versions.get(LATEST).generation;
    return environments.stream()
        .anyMatch(
            environment ->
                environment.alias == null
                    && LATEST.equals(environment.version)
                    && environment.generation != generation);
  }
}
