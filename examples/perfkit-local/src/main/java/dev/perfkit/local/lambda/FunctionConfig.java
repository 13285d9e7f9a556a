package dev.perfkit.local.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of one function as the local Lambda runs it: what {@code CreateFunction} and
 * {@code UpdateFunctionConfiguration} take on AWS, plus the aliases a SAM {@code AutoPublishAlias}
 * would create.
 *
 * @param name the function name, 1 to 64 of {@code [A-Za-z0-9_-]}
 * @param handler the handler string, {@code package.Class::method} or {@code package.Class}
 * @param code the classpath of the function: jars and class directories, in order
 * @param memoryMb the memory size, 128 to 10240 MB; sets the environment's maximum heap
 * @param timeout the invocation timeout, 1 to 900 seconds
 * @param environment the function's own environment variables (no Lambda-reserved names)
 * @param reservedConcurrency the function's reserved concurrency, empty when unreserved
 * @param aliases aliases created on deployment, each pointing at a version published from this
 *     configuration, with its provisioned concurrency
 */
public record FunctionConfig(
    String name,
    String handler,
    List<Path> code,
    int memoryMb,
    Duration timeout,
    Map<String, String> environment,
    OptionalInt reservedConcurrency,
    List<AliasConfig> aliases) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern HANDLER =
      Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(::[\\p{L}_$][\\p{L}\\p{N}_$]*)?");

  /** Environment variables that Lambda sets itself and refuses in a function's configuration. */
  public static final Set<String> RESERVED_VARIABLES =
      Set.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_LAMBDA_FUNCTION_NAME",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
          "AWS_LAMBDA_FUNCTION_VERSION",
          "AWS_LAMBDA_INITIALIZATION_TYPE",
          "AWS_LAMBDA_LOG_GROUP_NAME",
          "AWS_LAMBDA_LOG_STREAM_NAME",
          "AWS_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_LAMBDA_RUNTIME_API",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR");

  /** Validates every field; the message names the field and its allowed values. */
  public FunctionConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(reservedConcurrency, "reservedConcurrency");
    Objects.requireNonNull(aliases, "aliases");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 1 to 64 letters, digits, '-' or '_', was '" + name + "'");
    }
    if (!HANDLER.matcher(handler).matches()) {
      throw new IllegalArgumentException(
          "handler must be 'package.Class::method' or 'package.Class', was '" + handler + "'");
    }
    if (code.isEmpty()) {
      throw new IllegalArgumentException("code must name at least one jar or class directory");
    }
    code = List.copyOf(code);
    if (memoryMb < 128 || memoryMb > 10_240) {
      throw new IllegalArgumentException("memoryMb must be 128 to 10240, was " + memoryMb);
    }
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(Duration.ofSeconds(900)) > 0) {
      throw new IllegalArgumentException("timeout must be 1 to 900 seconds, was " + timeout);
    }
    environment = Map.copyOf(environment);
    List<String> reserved =
        environment.keySet().stream().filter(RESERVED_VARIABLES::contains).sorted().toList();
    if (!reserved.isEmpty()) {
      throw new IllegalArgumentException(
          "environment must not set variables that Lambda reserves: " + reserved);
    }
    if (reservedConcurrency.isPresent() && reservedConcurrency.getAsInt() < 0) {
      throw new IllegalArgumentException(
          "reservedConcurrency must be 0 or more, was " + reservedConcurrency.getAsInt());
    }
    aliases = List.copyOf(aliases);
    if (aliases.stream().map(AliasConfig::name).distinct().count() != aliases.size()) {
      throw new IllegalArgumentException("aliases must have distinct names, were " + aliases);
    }
    int provisioned = aliases.stream().mapToInt(AliasConfig::provisionedConcurrency).sum();
    if (reservedConcurrency.isPresent() && provisioned > reservedConcurrency.getAsInt()) {
      throw new IllegalArgumentException(
          "aliases' provisioned concurrency ("
              + provisioned
              + ") must not exceed reservedConcurrency ("
              + reservedConcurrency.getAsInt()
              + ")");
    }
  }

  /** A builder for a function called {@code name} running {@code handler} from {@code code}. */
  public static Builder builder(String name, String handler, List<Path> code) {
    return new Builder(name, handler, code);
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    Builder builder =
        new Builder(name, handler, code)
            .memoryMb(memoryMb)
            .timeout(timeout)
            .environment(environment)
            .aliases(aliases);
    reservedConcurrency.ifPresent(builder::reservedConcurrency);
    return builder;
  }

  /** Builds a {@link FunctionConfig}; defaults are Lambda's: 128 MB, 3 seconds, unreserved. */
  public static final class Builder {
    private String name;
    private String handler;
    private List<Path> code;
    private int memoryMb = 128;
    private Duration timeout = Duration.ofSeconds(3);
    private final Map<String, String> environment = new LinkedHashMap<>();
    private OptionalInt reservedConcurrency = OptionalInt.empty();
    private final List<AliasConfig> aliases = new ArrayList<>();

    private Builder(String name, String handler, List<Path> code) {
      this.name = Objects.requireNonNull(name, "name");
      this.handler = Objects.requireNonNull(handler, "handler");
      this.code = Objects.requireNonNull(code, "code");
    }

    /** Sets the function name. */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** Sets the handler string. */
    public Builder handler(String handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /** Sets the classpath of the function. */
    public Builder code(List<Path> code) {
      this.code = Objects.requireNonNull(code, "code");
      return this;
    }

    /** Sets the memory size in MB. */
    public Builder memoryMb(int memoryMb) {
      this.memoryMb = memoryMb;
      return this;
    }

    /** Sets the invocation timeout. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Replaces the environment variables. */
    public Builder environment(Map<String, String> environment) {
      Objects.requireNonNull(environment, "environment");
      this.environment.clear();
      this.environment.putAll(environment);
      return this;
    }

    /** Adds one environment variable. */
    public Builder environmentVariable(String name, String value) {
      environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets the reserved concurrency. */
    public Builder reservedConcurrency(int reservedConcurrency) {
      this.reservedConcurrency = OptionalInt.of(reservedConcurrency);
      return this;
    }

    /** Removes the reserved concurrency. */
    public Builder unreserved() {
      this.reservedConcurrency = OptionalInt.empty();
      return this;
    }

    /** Replaces the aliases created on deployment. */
    public Builder aliases(List<AliasConfig> aliases) {
      Objects.requireNonNull(aliases, "aliases");
      this.aliases.clear();
      this.aliases.addAll(aliases);
      return this;
    }

    /** Adds an alias created on deployment. */
    public Builder alias(String alias, int provisionedConcurrency) {
      aliases.add(new AliasConfig(alias, provisionedConcurrency));
      return this;
    }

    /** The configuration; throws {@link IllegalArgumentException} naming a bad field. */
    public FunctionConfig build() {
      return new FunctionConfig(
          name,
          handler,
          code,
          memoryMb,
          timeout,
          environment,
          reservedConcurrency,
          aliases);
    }
  }
}
