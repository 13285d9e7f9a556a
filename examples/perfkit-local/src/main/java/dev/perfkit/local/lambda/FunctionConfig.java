package dev.perfkit.local.lambda;

import dev.perfkit.core.Preconditions;
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
 * The settings of one function as the local Lambda runs it: what {@code CreateFunction} and {@code
 * UpdateFunctionConfiguration} take on AWS, plus the aliases a SAM {@code AutoPublishAlias} would
 * create.
 *
 * @param name the function name, 1 to 64 of {@code [A-Za-z0-9_-]}
 * @param handler the handler string, {@code package.Class::method} or {@code package.Class}
 * @param code the classpath of the function: jars and class directories, in order
 * @param runtime the Lambda runtime identifier the function is deployed with, one of {@link
 *     #RUNTIMES}; environments run it on this machine's {@code java}
 * @param description the function's description, at most 256 characters
 * @param role the execution role's ARN, empty when none was given (the Lambda API then reports a
 *     default role of the account); not enforced locally
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
    String runtime,
    String description,
    String role,
    int memoryMb,
    Duration timeout,
    Map<String, String> environment,
    OptionalInt reservedConcurrency,
    List<AliasConfig> aliases) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern HANDLER =
      Pattern.compile(
          "[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*(::[\\p{L}_$][\\p{L}\\p{N}_$]*)?");

  /** The Java runtimes of Lambda (Lambda runtimes page); {@value #DEFAULT_RUNTIME} by default. */
  public static final List<String> RUNTIMES =
      List.of("java8.al2", "java11", "java17", "java21", "java25");

  /** The runtime of a function built without one: the lab's template deploys it. */
  public static final String DEFAULT_RUNTIME = "java21";

  private static final Pattern ROLE =
      Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
  private static final int MAX_DESCRIPTION = 256;

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

  /**
   * Validates every field; the message names the field and its allowed values.
   *
   * @param name 1 to 64 of {@code [A-Za-z0-9_-]}
   * @param handler {@code package.Class::method} or {@code package.Class}
   * @param code jars and class directories, at least one; copied
   * @param runtime one of {@link #RUNTIMES}
   * @param description at most 256 characters
   * @param role an IAM role ARN, or empty
   * @param memoryMb 128 to 10240
   * @param timeout 1 to 900 seconds
   * @param environment variables, none of {@link #RESERVED_VARIABLES}; copied
   * @param reservedConcurrency 0 or more, or empty
   * @param aliases aliases with distinct names whose provisioned concurrency adds up to at most
   *     {@code reservedConcurrency}; copied
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException naming the bad field
   */
  public FunctionConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(role, "role");
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
    if (!RUNTIMES.contains(runtime)) {
      throw new IllegalArgumentException(
          "runtime must be one of Lambda's Java runtimes " + RUNTIMES + ", was '" + runtime + "'");
    }
    if (description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException(
          "description must be at most "
              + MAX_DESCRIPTION
              + " characters, was "
              + description.length());
    }
    if (!role.isEmpty() && !ROLE.matcher(role).matches()) {
      throw new IllegalArgumentException(
          "role must be an IAM role ARN (arn:aws:iam::123456789012:role/name), was '" + role + "'");
    }
    if (memoryMb < 128 || memoryMb > 10_240) {
      throw new IllegalArgumentException("memoryMb must be 128 to 10240, was " + memoryMb);
    }
    if (timeout.compareTo(Duration.ofSeconds(1)) < 0
        || timeout.compareTo(Duration.ofSeconds(900)) > 0) {
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

  /**
   * A builder for a function.
   *
   * @param name the function name
   * @param handler the handler string, e.g. {@code com.example.Hello::handleRequest}
   * @param code the function's classpath: jars and class directories
   * @return a builder with Lambda's defaults for the rest
   */
  public static Builder builder(String name, String handler, List<Path> code) {
    return new Builder(null)
        .name(Objects.requireNonNull(name, "name"))
        .handler(Objects.requireNonNull(handler, "handler"))
        .code(Objects.requireNonNull(code, "code"));
  }

  /**
   * A builder that starts from this configuration: each option set on it replaces this
   * configuration's value, the others are kept.
   *
   * @return a builder whose {@link Builder#build()} is this configuration until an option is set
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Builds a {@link FunctionConfig}; defaults are Lambda's: 128 MB, 3 seconds, unreserved, no
   * description, runtime {@value #DEFAULT_RUNTIME}. Each option may be set once; {@code
   * environmentVariable} and {@code alias} add one entry each.
   */
  public static final class Builder {
    private final FunctionConfig base;
    private String name;
    private String handler;
    private List<Path> code;
    private String runtime;
    private String description;
    private String role;
    private Integer memoryMb;
    private Duration timeout;
    private Map<String, String> environment;
    private final Map<String, String> addedVariables = new LinkedHashMap<>();
    private OptionalInt reservedConcurrency;
    private List<AliasConfig> aliases;
    private final List<AliasConfig> addedAliases = new ArrayList<>();

    private Builder(FunctionConfig base) {
      this.base = base;
    }

    /**
     * Sets the function name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Preconditions.setOnce("name", this.name, name);
      return this;
    }

    /**
     * Sets the handler string.
     *
     * @param handler e.g. {@code com.example.Hello::handleRequest}
     * @return this builder
     */
    public Builder handler(String handler) {
      this.handler = Preconditions.setOnce("handler", this.handler, handler);
      return this;
    }

    /**
     * Sets the classpath of the function.
     *
     * @param code jars and class directories
     * @return this builder
     */
    public Builder code(List<Path> code) {
      this.code = Preconditions.setOnce("code", this.code, code);
      return this;
    }

    /**
     * Sets the runtime.
     *
     * @param runtime one of {@link FunctionConfig#RUNTIMES}, e.g. {@code java21}
     * @return this builder
     */
    public Builder runtime(String runtime) {
      this.runtime = Preconditions.setOnce("runtime", this.runtime, runtime);
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description at most 256 characters
     * @return this builder
     */
    public Builder description(String description) {
      this.description = Preconditions.setOnce("description", this.description, description);
      return this;
    }

    /**
     * Sets the execution role.
     *
     * @param role an IAM role ARN
     * @return this builder
     */
    public Builder role(String role) {
      this.role = Preconditions.setOnce("role", this.role, role);
      return this;
    }

    /**
     * Sets the memory size.
     *
     * @param memoryMb in MB, 128 to 10240
     * @return this builder
     */
    public Builder memoryMb(int memoryMb) {
      this.memoryMb = Preconditions.setOnce("memoryMb", this.memoryMb, memoryMb);
      return this;
    }

    /**
     * Sets the invocation timeout.
     *
     * @param timeout 1 to 900 whole seconds
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      this.timeout = Preconditions.setOnce("timeout", this.timeout, timeout);
      return this;
    }

    /**
     * Replaces the environment variables.
     *
     * @param environment the variables
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      Objects.requireNonNull(environment, "environment");
      this.environment =
          Preconditions.setOnce("environment", this.environment, new LinkedHashMap<>(environment));
      return this;
    }

    /**
     * Adds one environment variable, after those of {@link #environment(Map)}.
     *
     * @param name the variable
     * @param value its value
     * @return this builder
     */
    public Builder environmentVariable(String name, String value) {
      addedVariables.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets the reserved concurrency.
     *
     * @param reservedConcurrency 0 or more
     * @return this builder
     */
    public Builder reservedConcurrency(int reservedConcurrency) {
      this.reservedConcurrency =
          Preconditions.setOnce(
              "reservedConcurrency", this.reservedConcurrency, OptionalInt.of(reservedConcurrency));
      return this;
    }

    /**
     * Removes the reserved concurrency.
     *
     * @return this builder
     */
    public Builder unreserved() {
      this.reservedConcurrency =
          Preconditions.setOnce(
              "reservedConcurrency", this.reservedConcurrency, OptionalInt.empty());
      return this;
    }

    /**
     * Replaces the aliases created on deployment.
     *
     * @param aliases the aliases
     * @return this builder
     */
    public Builder aliases(List<AliasConfig> aliases) {
      Objects.requireNonNull(aliases, "aliases");
      this.aliases = Preconditions.setOnce("aliases", this.aliases, List.copyOf(aliases));
      return this;
    }

    /**
     * Adds an alias created on deployment, after those of {@link #aliases(List)}.
     *
     * @param alias the alias name
     * @param provisionedConcurrency environments kept initialized for it, 0 or more
     * @return this builder
     */
    public Builder alias(String alias, int provisionedConcurrency) {
      addedAliases.add(new AliasConfig(alias, provisionedConcurrency));
      return this;
    }

    /**
     * The configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException naming a bad field
     */
    public FunctionConfig build() {
      Map<String, String> variables =
          new LinkedHashMap<>(
              environment != null ? environment : base != null ? base.environment : Map.of());
      variables.putAll(addedVariables);
      List<AliasConfig> allAliases =
          new ArrayList<>(aliases != null ? aliases : base != null ? base.aliases : List.of());
      allAliases.addAll(addedAliases);
      return new FunctionConfig(
          name != null ? name : base.name,
          handler != null ? handler : base.handler,
          code != null ? code : base.code,
          runtime != null ? runtime : base != null ? base.runtime : DEFAULT_RUNTIME,
          description != null ? description : base != null ? base.description : "",
          role != null ? role : base != null ? base.role : "",
          memoryMb != null ? memoryMb : base != null ? base.memoryMb : 128,
          timeout != null ? timeout : base != null ? base.timeout : Duration.ofSeconds(3),
          variables,
          reservedConcurrency != null
              ? reservedConcurrency
              : base != null ? base.reservedConcurrency : OptionalInt.empty(),
          allAliases);
    }
  }
}
