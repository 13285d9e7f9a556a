package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * The configuration fields of {@code CreateFunction} and {@code UpdateFunctionConfiguration}: those
 * the local Lambda applies, those it takes at their default values only (what it does not emulate:
 * VPCs, layers, X-Ray...), and the refusal of everything else, naming each field.
 */
final class ConfigurationFields {

  /** Lambda's default {@code /tmp} size; the local {@code /tmp} is this machine's. */
  static final int EPHEMERAL_STORAGE_MB = 512;

  /** The fields applied to the function. */
  static final List<String> APPLIED =
      List.of("Description", "Environment", "Handler", "MemorySize", "Role", "Runtime", "Timeout");

  /** A field taken at its default value only, and why other values are not. */
  private record DefaultOnly(BiPredicate<JsonNode, String> isDefault, String otherwise) {}

  private static final Map<String, DefaultOnly> DEFAULT_ONLY = defaultOnly();

  private ConfigurationFields() {}

  /**
   * Applies the configuration fields of {@code request} to {@code config}.
   *
   * @param operationFields the fields the operation handles itself (e.g. {@code RevisionId})
   * @throws LocalLambdaException InvalidParameterValueException naming every unsupported field
   */
  static void apply(
      JsonRequest request,
      String functionName,
      FunctionConfig.Builder config,
      Set<String> operationFields) {
    List<String> unsupported = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (String field : request.fields()) {
      if (APPLIED.contains(field) || operationFields.contains(field) || !request.has(field)) {
        continue;
      }
      DefaultOnly rule = DEFAULT_ONLY.get(field);
      if (rule == null) {
        unsupported.add(field);
        reasons.add(field);
      } else if (!rule.isDefault().test(request.node(field), functionName)) {
        unsupported.add(field);
        reasons.add(rule.otherwise());
      }
    }
    if (!unsupported.isEmpty()) {
      throw LocalLambdaException.invalidParameter(
          "The local Lambda applies "
              + APPLIED
              + " and takes the other settings at their"
              + " defaults only; it does not support "
              + String.join("; ", reasons)
              + "; unsupported: "
              + unsupported);
    }
    request.optionalInteger("MemorySize", 128, 10_240).ifPresent(config::memoryMb);
    request
        .optionalInteger("Timeout", 1, 900)
        .ifPresent(seconds -> config.timeout(Duration.ofSeconds(seconds)));
    request.optionalText("Handler").ifPresent(config::handler);
    request.optionalText("Runtime").ifPresent(config::runtime);
    request.optionalText("Description").ifPresent(config::description);
    request.optionalText("Role").ifPresent(config::role);
    if (request.has("Environment")) {
      config.environment(variables(request.node("Environment")));
    }
  }

  /** The architecture a function asks for must be this machine's: environments run here. */
  static void checkArchitectures(JsonRequest request) {
    List<String> architectures = request.texts("Architectures");
    if (!architectures.isEmpty()
        && !architectures.equals(List.of(FunctionConfigurationJson.ARCHITECTURE))) {
      throw LocalLambdaException.invalidParameter(
          "The local Lambda runs functions on this machine's "
              + FunctionConfigurationJson.ARCHITECTURE
              + " processor; unsupported: Architectures "
              + architectures);
    }
  }

  private static Map<String, String> variables(JsonNode environment) {
    JsonNode variables = environment.isObject() ? environment.get("Variables") : null;
    if (!environment.isObject() || (variables != null && !variables.isObject())) {
      throw LocalLambdaException.invalidParameter(
          "Environment must be {\"Variables\": {\"NAME\": \"value\"}}, was " + environment);
    }
    return JsonRequest.textMap("Environment variable", variables);
  }

  private static Map<String, DefaultOnly> defaultOnly() {
    Map<String, DefaultOnly> rules = new LinkedHashMap<>();
    rules.put(
        "VpcConfig",
        new DefaultOnly(
            (node, name) -> isEmpty(node.get("SubnetIds")) && isEmpty(node.get("SecurityGroupIds")),
            "VpcConfig with subnets or security groups (functions use this machine's network)"));
    rules.put(
        "DeadLetterConfig",
        new DefaultOnly(
            (node, name) -> isEmpty(node.get("TargetArn")),
            "DeadLetterConfig with a TargetArn (events that fail every attempt are logged)"));
    rules.put(
        "KMSKeyArn",
        new DefaultOnly(
            (node, name) -> isEmpty(node),
            "KMSKeyArn (environment variables are not encrypted locally)"));
    rules.put(
        "TracingConfig",
        new DefaultOnly(
            (node, name) -> isAbsentOr(node.get("Mode"), "PassThrough"),
            "TracingConfig Mode Active (no X-Ray locally)"));
    rules.put(
        "Layers",
        new DefaultOnly((node, name) -> isEmpty(node), "Layers (layers are not emulated)"));
    rules.put(
        "FileSystemConfigs",
        new DefaultOnly((node, name) -> isEmpty(node), "FileSystemConfigs (no EFS locally)"));
    rules.put(
        "EphemeralStorage",
        new DefaultOnly(
            (node, name) -> isAbsentOr(node.get("Size"), Integer.toString(EPHEMERAL_STORAGE_MB)),
            "EphemeralStorage other than "
                + EPHEMERAL_STORAGE_MB
                + " MB (/tmp is this"
                + " machine's)"));
    rules.put(
        "SnapStart",
        new DefaultOnly(
            (node, name) -> isAbsentOr(node.get("ApplyOn"), "None"),
            "SnapStart ApplyOn PublishedVersions (not emulated: every new environment is a cold"
                + " start)"));
    rules.put(
        "LoggingConfig",
        new DefaultOnly(
            (node, name) ->
                isAbsentOr(node.get("LogFormat"), "Text")
                    && isAbsentOr(node.get("LogGroup"), "/aws/lambda/" + name)
                    && isEmpty(node.get("ApplicationLogLevel"))
                    && isEmpty(node.get("SystemLogLevel")),
            "LoggingConfig other than Text logs to /aws/lambda/<function>"));
    return Map.copyOf(rules);
  }

  private static boolean isEmpty(JsonNode node) {
    if (node == null || node.isNull()) {
      return true;
    }
    return node.isContainerNode() ? node.isEmpty() : node.asText().isEmpty();
  }

  private static boolean isAbsentOr(JsonNode node, String value) {
    return node == null || node.isNull() || value.equals(node.asText());
  }
}
