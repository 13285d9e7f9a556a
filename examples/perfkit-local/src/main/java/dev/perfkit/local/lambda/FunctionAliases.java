package dev.perfkit.local.lambda;

import dev.perfkit.local.lambda.FunctionVersions.Version;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A function's aliases and their provisioned concurrency: each alias's provisioned environments,
 * started, replaced and retired by generation. Guarded by the owning function's monitor: methods
 * that only read or change state expect the caller to hold it; those that start or stop
 * environments take and release it themselves, as environments start and stop outside it.
 */
final class FunctionAliases {

  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

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

  private final LambdaFunction function;
  private final String name;
  private final Host host;
  private final FunctionVersions versions;
  private final Set<ExecutionEnvironment> environments;
  private final Map<String, Alias> aliases = new HashMap<>();

  /**
   * @param function the owner: its monitor guards this state, and it owns the environments
   * @param environments the function's running environments; provisioned ones are added here
   */
  FunctionAliases(
      LambdaFunction function,
      Host host,
      FunctionVersions versions,
      Set<ExecutionEnvironment> environments) {
    this.function = function;
    this.name = function.name;
    this.host = host;
    this.versions = versions;
    this.environments = environments;
  }

  /** The provisioned concurrency of all aliases together. */
  int provisionedConcurrency() {
    return aliases.values().stream().mapToInt(alias -> alias.provisioned).sum();
  }

  /** The provisioned concurrency of one alias; 0 when it has none or does not exist. */
  int provisionedConcurrency(String aliasName) {
    Alias alias = aliases.get(aliasName);
    return alias == null ? 0 : alias.provisioned;
  }

  /** The alias of this name; null when there is none. */
  Alias find(String aliasName) {
    return aliases.get(aliasName);
  }

  /** The aliases by name. */
  List<AliasSnapshot> snapshots() {
    return aliases.values().stream()
        .sorted(Comparator.comparing(alias -> alias.name))
        .map(this::snapshot)
        .toList();
  }

  AliasSnapshot snapshot(String aliasName) {
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

  /** The names of the aliases pointing at a version, sorted. */
  List<String> pointingAt(Version version) {
    return aliases.values().stream()
        .filter(alias -> alias.version == version)
        .map(alias -> alias.name)
        .sorted()
        .toList();
  }

  void create(String alias, String version, String description) {
    AliasConfig.checkName(alias);
    Version target = versions.existing(version);
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
  void update(
      String aliasName,
      Optional<String> version,
      Optional<String> description,
      Optional<String> expectedRevision) {
    List<ExecutionEnvironment> retired = List.of();
    synchronized (function) {
      Alias alias = existingAlias(aliasName);
      RevisionIds.check(expectedRevision, alias.revisionId, "GetAlias");
      Version target = version.isPresent() ? versions.existing(version.get()) : alias.version;
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
  void delete(String aliasName) {
    List<ExecutionEnvironment> retired;
    synchronized (function) {
      Alias alias = aliases.remove(aliasName);
      if (alias == null) {
        return;
      }
      retired = new ArrayList<>(alias.idle);
      alias.idle.clear();
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
    synchronized (function) {
      Alias alias = existingAlias(aliasName);
      int others =
          aliases.values().stream()
              .filter(other -> !other.name.equals(aliasName))
              .mapToInt(other -> other.provisioned)
              .sum();
      OptionalInt reserved = function.reservedConcurrency();
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
    synchronized (function) {
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
        environment.ready().get(Math.max(0, deadline - host.ticker().read()), TimeUnit.NANOSECONDS);
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
  ProvisionedStatus provisionedStatus(String aliasName) {
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
  List<String> provisionedAliases() {
    return aliases.values().stream()
        .filter(alias -> alias.provisioned > 0)
        .map(alias -> alias.name)
        .sorted()
        .toList();
  }

  /** Takes back an idle provisioned environment; false when its alias moved on or is gone. */
  boolean keepIdle(ExecutionEnvironment environment) {
    Alias alias = aliases.get(environment.alias);
    if (alias == null || alias.generation != environment.generation) {
      return false;
    }
    alias.idle.addFirst(environment);
    return true;
  }

  void forget(ExecutionEnvironment environment) {
    aliases.values().forEach(alias -> alias.idle.remove(environment));
  }

  /**
   * The alias whose provisioned concurrency lost a ready environment of its current generation and
   * wants another; null when there is none.
   */
  Alias wantingReplacement(ExecutionEnvironment terminated) {
    if (terminated.alias == null) {
      return null;
    }
    Alias alias = aliases.get(terminated.alias);
    boolean wasReady = !terminated.ready().isCompletedExceptionally();
    if (alias != null
        && alias.generation == terminated.generation
        && wasReady
        && provisionedCount(alias) < alias.provisioned) {
      return alias;
    }
    return null;
  }

  /** Starts one more provisioned environment of an alias on the host's executor. */
  void replaceProvisioned(Alias alias) {
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

  private int provisionedCount(Alias alias) {
    int count = 0;
    for (ExecutionEnvironment environment : environments) {
      if (alias.name.equals(environment.alias) && environment.generation == alias.generation) {
        count++;
      }
    }
    return count;
  }

  private List<ExecutionEnvironment> startProvisioned(Alias alias, int count) {
    List<ExecutionEnvironment> created = new ArrayList<>();
    int generation;
    synchronized (function) {
      if (function.isClosed()) {
        return created;
      }
      generation = alias.generation;
      for (int i = 0; i < count; i++) {
        ExecutionEnvironment environment =
            new ExecutionEnvironment(
                host,
                function,
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
      var unused =
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
  private void provisioningFailed(Alias alias, int generation, Throwable failure) {
    synchronized (function) {
      if (alias.generation == generation
          && alias.provisioningFailure == null
          && !function.isClosed()) {
        alias.provisioningFailure = "FUNCTION_ERROR_INIT_FAILURE: " + failure.getMessage();
      }
    }
  }
}
