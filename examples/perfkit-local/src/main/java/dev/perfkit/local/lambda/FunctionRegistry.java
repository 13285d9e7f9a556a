package dev.perfkit.local.lambda;

import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account's functions: creating, finding and deleting them, and the changes that the account's
 * concurrency limits every function by (reserved and provisioned concurrency). The deployment API
 * and the Lambda API both go through here, so a function created either way is the same.
 */
final class FunctionRegistry {

  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

  private final Host host;
  private final AccountConcurrency account;
  private final CodeStore code;
  private final FunctionPolicies policies = new FunctionPolicies();
  private final ConcurrentHashMap<String, LambdaFunction> functions = new ConcurrentHashMap<>();

  /** Guards the account-wide concurrency rules: one change of them at a time. */
  private final Object concurrencyLock = new Object();

  FunctionRegistry(Host host, AccountConcurrency account, CodeStore code) {
    this.host = host;
    this.account = account;
    this.code = code;
  }

  CodeStore code() {
    return code;
  }

  FunctionPolicies policies() {
    return policies;
  }

  AccountConcurrency account() {
    return account;
  }

  /**
   * Creates a function, and the aliases of its configuration pointing at version 1 with their
   * provisioned environments started; returns when those are initialized.
   */
  LambdaFunction deploy(FunctionConfig config, Map<String, String> tags) {
    checkCode(config);
    LambdaFunction function;
    synchronized (concurrencyLock) {
      if (config.reservedConcurrency().isPresent()) {
        account.checkReservation(functions.values(), config.name(), config.reservedConcurrency());
      }
      function = new LambdaFunction(host, config, tags, account.inFlight, account.limit);
      if (functions.putIfAbsent(config.name(), function) != null) {
        throw LocalLambdaException.conflict("Function already exist: " + config.name());
      }
    }
    noteRuntime(config);
    if (!config.aliases().isEmpty()) {
      String version = function.publishVersion("", Optional.empty()).version();
      for (AliasConfig alias : config.aliases()) {
        function.createAlias(alias.name(), version, "");
        if (alias.provisionedConcurrency() > 0) {
          putProvisionedConcurrency(config.name(), alias.name(), alias.provisionedConcurrency());
        }
      }
    }
    return function;
  }

  LambdaFunction function(String name) {
    LambdaFunction function = functions.get(name);
    if (function == null) {
      throw LocalLambdaException.notFound("Function not found: " + host.functionArn(name));
    }
    return function;
  }

  /** Every function, by name. */
  List<LambdaFunction> functions() {
    return functions.values().stream().sorted(Comparator.comparing(f -> f.name)).toList();
  }

  /**
   * Deletes a function, or one published version of it; its environments stop and its code is
   * removed. Returns the environments to await their exit.
   */
  List<ExecutionEnvironment> delete(String name, Optional<String> version) {
    LambdaFunction function = function(name);
    if (version.isPresent()) {
      if (!version.get().matches("\\d+|\\$LATEST")) {
        throw LocalLambdaException.invalidParameter(
            "Qualifier of DeleteFunction must be a version number; aliases are deleted with"
                + " DeleteAlias, was '"
                + version.get()
                + "'");
      }
      function.deleteVersion(version.get());
      policies.delete(name, version);
      return List.of();
    }
    if (!functions.remove(name, function)) {
      throw LocalLambdaException.notFound("Function not found: " + host.functionArn(name));
    }
    List<ExecutionEnvironment> stopped = function.close();
    policies.delete(name, Optional.empty());
    code.delete(name);
    return stopped;
  }

  FunctionConfig update(FunctionConfig config, Optional<String> expectedRevision) {
    checkCode(config);
    LambdaFunction function = function(config.name());
    synchronized (concurrencyLock) {
      if (!config.reservedConcurrency().equals(function.reservedConcurrency())) {
        account.checkReservation(functions.values(), config.name(), config.reservedConcurrency());
      }
      return function.update(config, expectedRevision);
    }
  }

  /** {@code PutFunctionConcurrency} (a value) and {@code DeleteFunctionConcurrency} (empty). */
  void reserve(String name, OptionalInt reserved) {
    LambdaFunction function = function(name);
    synchronized (concurrencyLock) {
      if (reserved.isPresent()) {
        account.checkReservation(functions.values(), name, reserved);
      }
      function.reserve(reserved);
    }
  }

  /** Starts provisioning an alias; {@link LambdaFunction#provisionedStatus} follows it. */
  List<ExecutionEnvironment> provision(String name, String alias, int count) {
    LambdaFunction function = function(name);
    synchronized (concurrencyLock) {
      checkProvisioning(function, alias, count);
      return function.provision(alias, count);
    }
  }

  /** Provisions an alias and waits until its environments are initialized. */
  void putProvisionedConcurrency(String name, String alias, int count) {
    LambdaFunction function = function(name);
    synchronized (concurrencyLock) {
      checkProvisioning(function, alias, count);
    }
    function.putProvisionedConcurrency(alias, count);
  }

  private void checkProvisioning(LambdaFunction function, String alias, int count) {
    int others = function.provisionedConcurrency() - function.provisionedConcurrency(alias);
    account.checkProvisioning(functions.values(), function, others + count);
  }

  /** The bytes of every function's code, as {@code AccountUsage.TotalCodeSize} counts them. */
  long totalCodeSize() {
    long total = 0;
    for (LambdaFunction function : functions.values()) {
      for (VersionSnapshot version : function.versions()) {
        total += code.identity(version.config().code()).size();
      }
    }
    return total;
  }

  /** Marks every function closed and stops its environments; returns them to await. */
  List<ExecutionEnvironment> close() {
    List<ExecutionEnvironment> environments = new ArrayList<>();
    functions.values().forEach(function -> environments.addAll(function.close()));
    return environments;
  }

  private static void checkCode(FunctionConfig config) {
    for (Path entry : config.code()) {
      if (!Files.exists(entry)) {
        throw new IllegalArgumentException(
            "code of " + config.name() + " names a missing jar or directory: " + entry);
      }
    }
  }

  /** Says so when the function's runtime is a newer Java than the one environments run on. */
  private static void noteRuntime(FunctionConfig config) {
    int wanted = Integer.parseInt(config.runtime().replaceAll("\\D*(\\d+).*", "$1"));
    int here = Runtime.version().feature();
    if (wanted > here) {
      LOG.log(
          Level.WARNING,
          "{0} is deployed with runtime {1} and runs on this machine''s Java {2}: classes compiled"
              + " for Java {3} fail to load here, as they would not on Lambda",
          config.name(),
          config.runtime(),
          here,
          wanted);
    }
  }
}
