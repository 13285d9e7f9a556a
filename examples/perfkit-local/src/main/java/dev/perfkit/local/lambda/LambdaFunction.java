package dev.perfkit.local.lambda;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One function: its versions and aliases, their pools of execution environments, and its
 * concurrency. All state is guarded by this object's monitor; environments call back without
 * holding their own.
 */
final class LambdaFunction implements ExecutionEnvironment.Owner {

  static final String LATEST = "$LATEST";
  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

  /** A version's configuration and its idle on-demand environments. */
  static final class Version {
    final String id;
    FunctionConfig config;
    int generation;
    final String description;
    String revisionId = RevisionIds.next();
    Instant lastModified;
    final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();

    Version(String id, FunctionConfig config, String description, Instant lastModified) {
      this.id = id;
      this.config = config;
      this.description = description;
      this.lastModified = lastModified;
    }
  }

  /** An alias, and its provisioned environments. */
  static final class Alias {
    final String name;
    Version version;
    String description;
    String revisionId = RevisionIds.next();
    int provisioned;
    int generation;
    String provisioningFailure;
    Instant provisioningModified;
    final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();

    Alias(String name, Version version, String description) {
      this.name = name;
      this.version = version;
      this.description = description;
    }
  }

  /** What an invocation runs: a version, reached directly or through an alias. */
  record Target(Version version, Optional<Alias> alias) {}

  final String name;
  private final Host host;
  private final AtomicInteger accountInFlight;
  private final int accountLimit;
  private FunctionConfig latest;
  private final Map<String, String> tags;
  private final Map<String, Version> versions = new LinkedHashMap<>();
  private final Map<String, Alias> aliases = new HashMap<>();
  private final Set<ExecutionEnvironment> environments = new LinkedHashSet<>();
  private int lastPublished;
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
    this.latest = config;
    versions.put(LATEST, new Version(LATEST, config, "", host.clock().instant()));
  }

  synchronized FunctionConfig latest() {
    return latest;
  }

  Map<String, String> tags() {
    return tags;
  }

  /** The function's reserved concurrency, empty when unreserved. */
  synchronized OptionalInt reservedConcurrency() {
    return latest.reservedConcurrency();
  }

  /**
   * Sets or removes the reserved concurrency ({@code PutFunctionConcurrency}, {@code
   * DeleteFunctionConcurrency}): it caps invocations at once; environments are kept.
   */
  synchronized void reserve(OptionalInt reserved) {
    checkReservedCoversProvisioned(reserved);
    FunctionConfig.Builder updated = latest.toBuilder();
    if (reserved.isPresent()) {
      updated.reservedConcurrency(reserved.getAsInt());
    } else {
      updated.unreserved();
    }
    latest = updated.build();
    versions.get(LATEST).config = latest;
  }

  /** The provisioned concurrency of all aliases together. */
  synchronized int provisionedConcurrency() {
    return aliases.values().stream().mapToInt(alias -> alias.provisioned).sum();
  }

  /** The provisioned concurrency of one alias; 0 when it has none or does not exist. */
  synchronized int provisionedConcurrency(String aliasName) {
    Alias alias = aliases.get(aliasName);
    return alias == null ? 0 : alias.provisioned;
  }

  /** {@code $LATEST} and the published versions, in order. */
  synchronized List<VersionSnapshot> versions() {
    return versions.values().stream().map(this::snapshot).toList();
  }

  synchronized VersionSnapshot snapshot(Target target) {
    return snapshot(target.version());
  }

  private VersionSnapshot snapshot(Version version) {
    boolean latestVersion = LATEST.equals(version.id);
    return new VersionSnapshot(
        version.id,
        version.config,
        latestVersion ? version.config.description() : version.description,
        version.revisionId,
        version.lastModified,
        latestVersion && updateInProgress());
  }

  /** The aliases by name. */
  synchronized List<AliasSnapshot> aliases() {
    return aliases.values().stream()
        .sorted(Comparator.comparing(alias -> alias.name))
        .map(this::snapshot)
        .toList();
  }

  synchronized AliasSnapshot alias(String aliasName) {
    return snapshot(existingAlias(aliasName));
  }

  private AliasSnapshot snapshot(Alias alias) {
    return new AliasSnapshot(
        name, alias.name, alias.version.id, alias.description, alias.revisionId);
  }

  private Alias existingAlias(String aliasName) {
    Alias alias = aliases.get(aliasName);
    if (alias == null) {
      throw LocalLambdaException.notFound(
          "Alias not found: " + host.functionArn(name) + ":" + aliasName);
    }
    return alias;
  }

  private Version existingVersion(String version) {
    Version target = versions.get(version);
    if (target == null) {
      throw LocalLambdaException.notFound(
          "Function not found: " + host.functionArn(name) + ":" + version);
    }
    return target;
  }

  synchronized Target resolve(Optional<String> qualifier) {
    String wanted = qualifier.orElse(LATEST);
    Version version = versions.get(wanted);
    if (version != null) {
      return new Target(version, Optional.empty());
    }
    Alias alias = aliases.get(wanted);
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
    OptionalInt reserved = latest.reservedConcurrency();
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

  private ExecutionEnvironment pollIdle(Target target) {
    if (target.alias().isPresent() && !target.alias().get().idle.isEmpty()) {
      return target.alias().get().idle.pollFirst();
    }
    return target.version().idle.pollFirst();
  }

  @Override
  public void onIdle(ExecutionEnvironment environment) {
    boolean retire;
    synchronized (this) {
      retire = closed || !environments.contains(environment);
      if (!retire && environment.alias != null) {
        Alias alias = aliases.get(environment.alias);
        retire = alias == null || alias.generation != environment.generation;
        if (!retire) {
          alias.idle.addFirst(environment);
        }
      } else if (!retire) {
        Version version = versions.get(environment.version);
        retire = version == null || version.generation != environment.generation;
        if (!retire) {
          version.idle.addFirst(environment);
        }
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
      versions.values().forEach(version -> version.idle.remove(environment));
      aliases.values().forEach(alias -> alias.idle.remove(environment));
      if (!closed && environment.alias != null) {
        Alias alias = aliases.get(environment.alias);
        boolean wasReady = !environment.ready().isCompletedExceptionally();
        if (alias != null
            && alias.generation == environment.generation
            && wasReady
            && provisionedCount(alias) < alias.provisioned) {
          replaceIn = alias;
        }
      }
    }
    if (replaceIn != null) {
      Alias alias = replaceIn;
      host.executor()
          .execute(
              () -> {
                try {
                  startProvisioned(alias, 1);
                } catch (RuntimeException e) {
                  LOG.log(
                      Level.WARNING,
                      "Cannot replace a provisioned environment of " + name + ":" + alias.name,
                      e);
                }
              });
    }
  }

  private int provisionedCount(Alias alias) {
    int count = 0;
    for (ExecutionEnvironment environment : environments) {
      if (alias.name.equals(environment.alias) && environment.generation == alias.generation) {
        count++;
      }
    }
    return count;
  }

  /** A version {@code PublishVersion} answered with, and whether it was published just now. */
  record Published(String version, boolean created) {}

  /**
   * Publishes {@code $LATEST} as a new version, unless the last version runs the same
   * configuration and code: then that one is answered, as Lambda does.
   *
   * @param description the version's description; empty for the function's
   * @param expectedRevision the {@code RevisionId} {@code $LATEST} must have, if given
   */
  synchronized Published publishVersion(String description, Optional<String> expectedRevision) {
    RevisionIds.check(expectedRevision, versions.get(LATEST).revisionId, "GetFunction");
    if (lastPublished > 0) {
      Version last = versions.get(Integer.toString(lastPublished));
      if (sameVersion(last.config, latest)) {
        return new Published(last.id, false);
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
    return new Published(id, true);
  }

  /** Whether two configurations run the same: reserved concurrency belongs to no version. */
  private static boolean sameVersion(FunctionConfig published, FunctionConfig latest) {
    return published.toBuilder().unreserved().build()
        .equals(latest.toBuilder().unreserved().build());
  }

  synchronized void createAlias(String alias, String version, String description) {
    AliasConfig.checkName(alias);
    Version target = existingVersion(version);
    if (aliases.containsKey(alias)) {
      throw LocalLambdaException.conflict(
          "Alias already exists: " + host.functionArn(name) + ":" + alias);
    }
    aliases.put(alias, new Alias(alias, target, description));
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
    List<ExecutionEnvironment> retired = List.of();
    synchronized (this) {
      Alias alias = existingAlias(aliasName);
      RevisionIds.check(expectedRevision, alias.revisionId, "GetAlias");
      Version target = version.isPresent() ? existingVersion(version.get()) : alias.version;
      description.ifPresent(text -> alias.description = text);
      alias.revisionId = RevisionIds.next();
      if (target != alias.version) {
        alias.version = target;
        retired = retireProvisioned(alias, alias.provisioned);
      }
    }
    retired.forEach(ExecutionEnvironment::stop);
    startProvisionedIfWanted(aliasName);
  }

  /** Deletes an alias; its provisioned environments stop. */
  void deleteAlias(String aliasName) {
    List<ExecutionEnvironment> retired;
    synchronized (this) {
      Alias alias = aliases.remove(aliasName);
      if (alias == null) {
        return;
      }
      retired = new ArrayList<>(alias.idle);
      alias.idle.clear();
    }
    retired.forEach(ExecutionEnvironment::stop);
  }

  /** Deletes a published version; refused while an alias points at it. */
  void deleteVersion(String version) {
    List<ExecutionEnvironment> retired;
    synchronized (this) {
      if (LATEST.equals(version)) {
        throw LocalLambdaException.invalidParameter(
            "$LATEST version cannot be deleted without deleting the function.");
      }
      Version target = existingVersion(version);
      List<String> users =
          aliases.values().stream()
              .filter(alias -> alias.version == target)
              .map(alias -> alias.name)
              .sorted()
              .toList();
      if (!users.isEmpty()) {
        throw LocalLambdaException.conflict(
            "Unable to delete version because the following aliases reference it: " + users);
      }
      versions.remove(version);
      retired = new ArrayList<>(target.idle);
      target.idle.clear();
    }
    retired.forEach(ExecutionEnvironment::stop);
  }

  /**
   * Replaces the provisioned environments of an alias and starts the new ones; returns them at
   * once. {@link #provisionedStatus} follows their initialization; 0 removes the configuration.
   */
  List<ExecutionEnvironment> provision(String aliasName, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("provisioned concurrency must be 0 or more, was " + count);
    }
    List<ExecutionEnvironment> retired;
    synchronized (this) {
      Alias alias = existingAlias(aliasName);
      int others =
          aliases.values().stream()
              .filter(other -> !other.name.equals(aliasName))
              .mapToInt(other -> other.provisioned)
              .sum();
      OptionalInt reserved = latest.reservedConcurrency();
      if (reserved.isPresent() && others + count > reserved.getAsInt()) {
        throw new IllegalArgumentException(
            "provisioned concurrency ("
                + (others + count)
                + " in all) must not exceed the reserved concurrency of "
                + name
                + " ("
                + reserved.getAsInt()
                + ")");
      }
      retired = retireProvisioned(alias, count);
    }
    retired.forEach(ExecutionEnvironment::stop);
    return startProvisionedIfWanted(aliasName);
  }

  /**
   * Sets the alias's provisioned count and starts a new generation of its environments: the idle
   * ones of the old generation are returned to be stopped, busy ones retire when they finish.
   */
  private List<ExecutionEnvironment> retireProvisioned(Alias alias, int count) {
    alias.provisioned = count;
    alias.generation++;
    alias.provisioningFailure = null;
    alias.provisioningModified = host.clock().instant();
    List<ExecutionEnvironment> retired = new ArrayList<>(alias.idle);
    alias.idle.clear();
    return retired;
  }

  private List<ExecutionEnvironment> startProvisionedIfWanted(String aliasName) {
    Alias alias;
    int count;
    synchronized (this) {
      alias = aliases.get(aliasName);
      count = alias == null ? 0 : alias.provisioned - provisionedCount(alias);
    }
    return count > 0 ? startProvisioned(alias, count) : List.of();
  }

  /** Replaces the provisioned environments of an alias and waits until the new ones are ready. */
  void putProvisionedConcurrency(String aliasName, int count) {
    List<ExecutionEnvironment> started = provision(aliasName, count);
    Duration bound = host.initTimeout().plusSeconds(5);
    long deadline = host.ticker().read() + bound.toNanos();
    for (ExecutionEnvironment environment : started) {
      try {
        environment
            .ready()
            .get(Math.max(0, deadline - host.ticker().read()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "provisioned concurrency of " + name + ":" + aliasName + " failed to initialize",
            e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "provisioned concurrency of " + name + ":" + aliasName + " not ready within " + bound,
            e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while provisioning " + name, e);
      }
    }
  }

  /** The provisioned concurrency of an alias; 404 when it has none. */
  synchronized ProvisionedStatus provisionedStatus(String aliasName) {
    Alias alias = aliases.get(aliasName);
    if (alias == null || alias.provisioned == 0) {
      throw LocalLambdaException.provisionedConfigNotFound(
          "No Provisioned Concurrency Config found for this function");
    }
    int ready = 0;
    for (ExecutionEnvironment environment : environments) {
      if (aliasName.equals(environment.alias)
          && environment.generation == alias.generation
          && environment.ready().isDone()
          && !environment.ready().isCompletedExceptionally()) {
        ready++;
      }
    }
    return new ProvisionedStatus(
        alias.provisioned,
        ready,
        Optional.ofNullable(alias.provisioningFailure),
        alias.provisioningModified);
  }

  /** The aliases with provisioned concurrency, by name. */
  synchronized List<String> provisionedAliases() {
    return aliases.values().stream()
        .filter(alias -> alias.provisioned > 0)
        .map(alias -> alias.name)
        .sorted()
        .toList();
  }

  private List<ExecutionEnvironment> startProvisioned(Alias alias, int count) {
    List<ExecutionEnvironment> created = new ArrayList<>();
    int generation;
    synchronized (this) {
      if (closed) {
        return created;
      }
      generation = alias.generation;
      for (int i = 0; i < count; i++) {
        ExecutionEnvironment environment =
            new ExecutionEnvironment(
                host,
                this,
                alias.version.config,
                alias.version.id,
                ExecutionEnvironment.PROVISIONED,
                alias.generation,
                alias.name);
        environments.add(environment);
        created.add(environment);
      }
    }
    for (ExecutionEnvironment environment : created) {
      environment
          .ready()
          .whenComplete(
              (ready, failure) -> {
                if (failure != null) {
                  provisioningFailed(alias, generation, failure);
                }
              });
      try {
        environment.start();
      } catch (IOException e) {
        environment.stop();
        provisioningFailed(alias, generation, e);
      }
    }
    return created;
  }

  /** Records why the current generation of an alias's provisioned environments failed. */
  private synchronized void provisioningFailed(Alias alias, int generation, Throwable failure) {
    if (alias.generation == generation && alias.provisioningFailure == null && !closed) {
      alias.provisioningFailure = "FUNCTION_ERROR_INIT_FAILURE: " + failure.getMessage();
    }
  }

  /**
   * Replaces the configuration of {@code $LATEST}. Environments of the earlier configuration
   * retire, unless only the reserved concurrency changed, which applies to the function at once.
   */
  FunctionConfig update(FunctionConfig config, Optional<String> expectedRevision) {
    List<ExecutionEnvironment> retired;
    synchronized (this) {
      Version version = versions.get(LATEST);
      RevisionIds.check(expectedRevision, version.revisionId, "GetFunction");
      int provisioned = aliases.values().stream().mapToInt(alias -> alias.provisioned).sum();
      OptionalInt reserved = config.reservedConcurrency();
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
      FunctionConfig updated = config.toBuilder().aliases(latest.aliases()).build();
      boolean sameRun = sameVersion(latest, updated);
      latest = updated;
      version.config = updated;
      if (sameRun) {
        return updated;
      }
      version.revisionId = RevisionIds.next();
      version.lastModified = host.clock().instant();
      version.generation++;
      retired = new ArrayList<>(version.idle);
      version.idle.clear();
    }
    retired.forEach(ExecutionEnvironment::stop);
    return latest();
  }

  private void checkReservedCoversProvisioned(OptionalInt reserved) {
    int provisioned = aliases.values().stream().mapToInt(alias -> alias.provisioned).sum();
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

  /**
   * Whether the last update of {@code $LATEST} is still being applied: an environment started
   * with an earlier configuration is still running (finishing an invocation, or stopping).
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
