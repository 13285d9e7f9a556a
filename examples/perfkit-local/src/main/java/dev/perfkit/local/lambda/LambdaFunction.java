package dev.perfkit.local.lambda;

import dev.perfkit.local.lambda.FunctionAliases.Alias;
import dev.perfkit.local.lambda.FunctionVersions.Version;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One function: its versions ({@link FunctionVersions}) and aliases ({@link FunctionAliases}),
 * their pools of execution environments, and its concurrency. All state is guarded by this object's
 * monitor; environments call back without holding their own.
 */
final class LambdaFunction implements ExecutionEnvironment.Owner {

  static final String LATEST = "$LATEST";

  /** What an invocation runs: a version, reached directly or through an alias. */
  record Target(Version version, Optional<Alias> alias) {}

  final String name;
  private final Host host;
  private final AtomicInteger accountInFlight;
  private final int accountLimit;
  private final Map<String, String> tags;
  private final Set<ExecutionEnvironment> environments = new LinkedHashSet<>();
  private final FunctionVersions versions;
  private final FunctionAliases aliases;
  private int inFlight;
  private boolean closed;

  LambdaFunction(
      Host host,
      FunctionConfig config,
      Map<String, String> tags,
      AtomicInteger accountInFlight,
      int accountLimit) {
    this.name = config.name();
    this.host = host;
    this.tags = Map.copyOf(tags);
    this.accountInFlight = accountInFlight;
    this.accountLimit = accountLimit;
    this.versions = new FunctionVersions(host, config, environments);
    this.aliases = new FunctionAliases(this, host, versions, environments);
  }

  synchronized FunctionConfig latest() {
    return versions.latest().config;
  }

  Map<String, String> tags() {
    return tags;
  }

  /** The function's reserved concurrency, empty when unreserved. */
  synchronized OptionalInt reservedConcurrency() {
    return latest().reservedConcurrency();
  }

  /**
   * Sets or removes the reserved concurrency ({@code PutFunctionConcurrency}, {@code
   * DeleteFunctionConcurrency}): it caps invocations at once; environments are kept.
   */
  synchronized void reserve(OptionalInt reserved) {
    checkReservedCoversProvisioned(reserved);
    FunctionConfig.Builder updated = latest().toBuilder();
    if (reserved.isPresent()) {
      updated.reservedConcurrency(reserved.getAsInt());
    } else {
      updated.unreserved();
    }
    versions.latest().config = updated.build();
  }

  /** The provisioned concurrency of all aliases together. */
  synchronized int provisionedConcurrency() {
    return aliases.provisionedConcurrency();
  }

  /** The provisioned concurrency of one alias; 0 when it has none or does not exist. */
  synchronized int provisionedConcurrency(String aliasName) {
    return aliases.provisionedConcurrency(aliasName);
  }

  /** {@code $LATEST} and the published versions, in order. */
  synchronized List<VersionSnapshot> versions() {
    return versions.snapshots();
  }

  synchronized VersionSnapshot snapshot(Target target) {
    return versions.snapshot(target.version());
  }

  /** The aliases by name. */
  synchronized List<AliasSnapshot> aliases() {
    return aliases.snapshots();
  }

  synchronized AliasSnapshot alias(String aliasName) {
    return aliases.snapshot(aliasName);
  }

  synchronized Target resolve(Optional<String> qualifier) {
    String wanted = qualifier.orElse(LATEST);
    Version version = versions.find(wanted);
    if (version != null) {
      return new Target(version, Optional.empty());
    }
    Alias alias = aliases.find(wanted);
    if (alias != null) {
      return new Target(alias.version, Optional.of(alias));
    }
    throw LocalLambdaException.notFound(
        "Function not found: " + host.functionArn(name) + ":" + wanted);
  }

  synchronized FunctionConfig configuration(Target target) {
    return target.version().config;
  }

  /** Counts an invocation against reserved and account concurrency; 429 beyond either. */
  synchronized void acquire() {
    if (closed) {
      throw LocalLambdaException.service("The local Lambda is shutting down");
    }
    OptionalInt reserved = latest().reservedConcurrency();
    if (reserved.isPresent() && inFlight >= reserved.getAsInt()) {
      throw LocalLambdaException.throttled("ReservedFunctionConcurrentInvocationLimitExceeded");
    }
    if (accountInFlight.incrementAndGet() > accountLimit) {
      accountInFlight.decrementAndGet();
      throw LocalLambdaException.throttled("ConcurrentInvocationLimitExceeded");
    }
    inFlight++;
  }

  synchronized void release() {
    inFlight--;
    accountInFlight.decrementAndGet();
  }

  /** Hands the invocation to an idle environment, provisioned first, or starts a new one. */
  ExecutionEnvironment place(Target target, Invocation invocation) {
    ExecutionEnvironment created;
    synchronized (this) {
      if (closed) {
        throw LocalLambdaException.service("The local Lambda is shutting down");
      }
      ExecutionEnvironment idle = pollIdle(target);
      while (idle != null) {
        if (idle.assign(invocation)) {
          return idle;
        }
        idle = pollIdle(target);
      }
      Version version = target.version();
      created =
          new ExecutionEnvironment(
              host,
              this,
              version.config,
              version.id,
              ExecutionEnvironment.ON_DEMAND,
              version.generation,
              null);
      environments.add(created);
      created.assign(invocation);
    }
    try {
      created.start();
    } catch (IOException e) {
      created.stop();
      throw LocalLambdaException.service(
          "Cannot start an execution environment of " + name + ": " + e.getMessage());
    }
    return created;
  }

  /**
   * Takes out the on-demand environments idle since {@code cutoffNanos} or before, to be stopped;
   * provisioned ones stay.
   */
  synchronized List<ExecutionEnvironment> reclaimIdle(long cutoffNanos) {
    return versions.removeIdleSince(cutoffNanos);
  }

  private ExecutionEnvironment pollIdle(Target target) {
    if (target.alias().isPresent() && !target.alias().get().idle.isEmpty()) {
      return target.alias().get().idle.pollFirst();
    }
    return target.version().idle.poll();
  }

  @Override
  public void onIdle(ExecutionEnvironment environment) {
    boolean retire;
    synchronized (this) {
      retire = closed || !environments.contains(environment);
      if (!retire && environment.alias != null) {
        retire = !aliases.keepIdle(environment);
      } else if (!retire) {
        retire = !versions.keepIdle(environment);
      }
    }
    if (retire) {
      environment.stop();
    }
  }

  @Override
  public void onTerminated(ExecutionEnvironment environment) {
    Alias replaceIn = null;
    synchronized (this) {
      environments.remove(environment);
      versions.forget(environment);
      aliases.forget(environment);
      if (!closed) {
        replaceIn = aliases.wantingReplacement(environment);
      }
    }
    if (replaceIn != null) {
      aliases.replaceProvisioned(replaceIn);
    }
  }

  /** A version {@code PublishVersion} answered with, and whether it was published just now. */
  record Published(String version, boolean created) {}

  /**
   * Publishes {@code $LATEST} as a new version, unless the last version runs the same configuration
   * and code: then that one is answered, as Lambda does.
   *
   * @param description the version's description; empty for the function's
   * @param expectedRevision the {@code RevisionId} {@code $LATEST} must have, if given
   */
  synchronized Published publishVersion(String description, Optional<String> expectedRevision) {
    return versions.publish(description, expectedRevision);
  }

  synchronized void createAlias(String alias, String version, String description) {
    aliases.create(alias, version, description);
  }

  /**
   * Points an alias at another version and/or changes its description; provisioned concurrency
   * moves to the new version (its environments start again).
   */
  void updateAlias(
      String aliasName,
      Optional<String> version,
      Optional<String> description,
      Optional<String> expectedRevision) {
    aliases.update(aliasName, version, description, expectedRevision);
  }

  /** Deletes an alias; its provisioned environments stop. */
  void deleteAlias(String aliasName) {
    aliases.delete(aliasName);
  }

  /** Deletes a published version; refused while an alias points at it. */
  void deleteVersion(String version) {
    List<ExecutionEnvironment> retired;
    synchronized (this) {
      if (LATEST.equals(version)) {
        throw LocalLambdaException.invalidParameter(
            "$LATEST version cannot be deleted without deleting the function.");
      }
      Version target = versions.existing(version);
      List<String> users = aliases.pointingAt(target);
      if (!users.isEmpty()) {
        throw LocalLambdaException.conflict(
            "Unable to delete version because the following aliases reference it: " + users);
      }
      retired = versions.remove(target);
    }
    retired.forEach(ExecutionEnvironment::stop);
  }

  /**
   * Replaces the provisioned environments of an alias and starts the new ones; returns them at
   * once. {@link #provisionedStatus} follows their initialization; 0 removes the configuration.
   */
  List<ExecutionEnvironment> provision(String aliasName, int count) {
    return aliases.provision(aliasName, count);
  }

  /** Replaces the provisioned environments of an alias and waits until the new ones are ready. */
  void putProvisionedConcurrency(String aliasName, int count) {
    aliases.putProvisionedConcurrency(aliasName, count);
  }

  /** The provisioned concurrency of an alias; 404 when it has none. */
  synchronized ProvisionedStatus provisionedStatus(String aliasName) {
    return aliases.provisionedStatus(aliasName);
  }

  /** The aliases with provisioned concurrency, by name. */
  synchronized List<String> provisionedAliases() {
    return aliases.provisionedAliases();
  }

  /**
   * Replaces the configuration of {@code $LATEST}. Environments of the earlier configuration
   * retire, unless only the reserved concurrency changed, which applies to the function at once.
   */
  FunctionConfig update(FunctionConfig config, Optional<String> expectedRevision) {
    List<ExecutionEnvironment> retired;
    synchronized (this) {
      Version version = versions.latest();
      RevisionIds.check(expectedRevision, version.revisionId, "GetFunction");
      checkReservedCoversProvisioned(config.reservedConcurrency());
      FunctionConfig updated = config.toBuilder().aliases(version.config.aliases()).build();
      boolean sameRun = FunctionVersions.sameVersion(version.config, updated);
      version.config = updated;
      if (sameRun) {
        return updated;
      }
      version.revisionId = RevisionIds.next();
      version.lastModified = host.clock().instant();
      version.generation++;
      retired = version.idle.clear();
    }
    retired.forEach(ExecutionEnvironment::stop);
    return latest();
  }

  private void checkReservedCoversProvisioned(OptionalInt reserved) {
    int provisioned = aliases.provisionedConcurrency();
    if (reserved.isPresent() && provisioned > reserved.getAsInt()) {
      throw new IllegalArgumentException(
          "reservedConcurrency ("
              + reserved.getAsInt()
              + ") must not be below the provisioned concurrency of "
              + name
              + " ("
              + provisioned
              + ")");
    }
  }

  /** Whether {@link #close} was called. */
  synchronized boolean isClosed() {
    return closed;
  }

  /** Marks the function closed and stops its environments; returns them to await their exit. */
  List<ExecutionEnvironment> close() {
    List<ExecutionEnvironment> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(environments);
    }
    all.forEach(ExecutionEnvironment::stop);
    return all;
  }
}
