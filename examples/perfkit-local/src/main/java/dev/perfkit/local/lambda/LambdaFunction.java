package dev.perfkit.local.lambda;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
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
    final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();

    Version(String id, FunctionConfig config) {
      this.id = id;
      this.config = config;
    }
  }

  /** An alias, and its provisioned environments. */
  static final class Alias {
    final String name;
    final Version version;
    int provisioned;
    int generation;
    final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();

    Alias(String name, Version version) {
      this.name = name;
      this.version = version;
    }
  }

  /** What an invocation runs: a version, reached directly or through an alias. */
  record Target(Version version, Optional<Alias> alias) {}

  final String name;
  private final Host host;
  private final AtomicInteger accountInFlight;
  private final int accountLimit;
  private FunctionConfig latest;
  private final Map<String, Version> versions = new LinkedHashMap<>();
  private final Map<String, Alias> aliases = new HashMap<>();
  private final Set<ExecutionEnvironment> environments = new LinkedHashSet<>();
  private int lastPublished;
  private int inFlight;
  private boolean closed;

  LambdaFunction(Host host, FunctionConfig config, AtomicInteger accountInFlight, int accountLimit) {
    this.name = config.name();
    this.host = host;
    this.accountInFlight = accountInFlight;
    this.accountLimit = accountLimit;
    this.latest = config;
    versions.put(LATEST, new Version(LATEST, config));
  }

  synchronized FunctionConfig latest() {
    return latest;
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
        retire = version.generation != environment.generation;
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

  synchronized String publishVersion() {
    if (lastPublished > 0) {
      Version last = versions.get(Integer.toString(lastPublished));
      if (last.config.equals(latest)) {
        return last.id;
      }
    }
    lastPublished++;
    String id = Integer.toString(lastPublished);
    versions.put(id, new Version(id, latest));
    return id;
  }

  synchronized void createAlias(String alias, String version) {
    AliasConfig.checkName(alias);
    Version target = versions.get(version);
    if (target == null) {
      throw LocalLambdaException.notFound(
          "Function not found: " + host.functionArn(name) + ":" + version);
    }
    if (aliases.containsKey(alias)) {
      throw LocalLambdaException.conflict(
          "Alias already exists: " + host.functionArn(name) + ":" + alias);
    }
    aliases.put(alias, new Alias(alias, target));
  }

  /** Replaces the provisioned environments of an alias and waits until the new ones are ready. */
  void putProvisionedConcurrency(String aliasName, int count) {
    if (count < 0) {
      throw new IllegalArgumentException("provisioned concurrency must be 0 or more, was " + count);
    }
    Alias alias;
    List<ExecutionEnvironment> retired;
    synchronized (this) {
      alias = aliases.get(aliasName);
      if (alias == null) {
        throw LocalLambdaException.notFound(
            "Alias not found: " + host.functionArn(name) + ":" + aliasName);
      }
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
      alias.provisioned = count;
      alias.generation++;
      retired = new ArrayList<>(alias.idle);
      alias.idle.clear();
    }
    retired.forEach(ExecutionEnvironment::stop);
    List<ExecutionEnvironment> started = startProvisioned(alias, count);
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

  private List<ExecutionEnvironment> startProvisioned(Alias alias, int count) {
    List<ExecutionEnvironment> created = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return created;
      }
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
      try {
        environment.start();
      } catch (IOException e) {
        environment.stop();
        throw new IllegalStateException(
            "cannot start a provisioned environment of " + name + ":" + alias.name, e);
      }
    }
    return created;
  }

  FunctionConfig update(FunctionConfig config) {
    List<ExecutionEnvironment> retired;
    synchronized (this) {
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
      latest = updated;
      Version version = versions.get(LATEST);
      version.config = updated;
      version.generation++;
      retired = new ArrayList<>(version.idle);
      version.idle.clear();
    }
    retired.forEach(ExecutionEnvironment::stop);
    return latest();
  }

  /**
   * Whether the last update of {@code $LATEST} is still being applied: an environment started
   * with an earlier configuration is still running (finishing an invocation, or stopping).
   */
  synchronized boolean updateInProgress() {
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
