package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The {@code FunctionConfiguration} shape of the Lambda API, written from a {@link
 * VersionSnapshot}: what GetFunctionConfiguration, GetFunction, ListFunctions,
 * ListVersionsByFunction, CreateFunction, PublishVersion and the updates answer.
 */
final class FunctionConfigurationJson {

  /** Lambda's {@code LastModified}: {@code 2024-05-01T12:00:00.000+0000}. */
  static final DateTimeFormatter LAST_MODIFIED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

  /** Environments run on this machine's processor. */
  static final String ARCHITECTURE =
      "aarch64".equals(System.getProperty("os.arch")) ? "arm64" : "x86_64";

  private final Host host;
  private final CodeStore code;

  FunctionConfigurationJson(Host host, CodeStore code) {
    this.host = host;
    this.code = code;
  }

  static String lastModified(Instant instant) {
    return LAST_MODIFIED.format(instant);
  }

  /**
   * The configuration of {@code version}.
   *
   * @param arnQualifier what {@code FunctionArn} ends with after the name: the qualifier the caller
   *     named, a version number; empty for the unqualified ARN
   */
  ObjectNode write(VersionSnapshot version, Optional<String> arnQualifier) {
    FunctionConfig config = version.config();
    CodeIdentity identity = code.identity(config.code());
    ObjectNode body = ApiCall.JSON.createObjectNode();
    body.put("FunctionName", config.name());
    body.put(
        "FunctionArn", host.functionArn(config.name()) + arnQualifier.map(q -> ":" + q).orElse(""));
    body.put("Runtime", config.runtime());
    body.put("Role", role(config));
    body.put("Handler", config.handler());
    body.put("CodeSize", identity.size());
    body.put("Description", version.description());
    body.put("Timeout", config.timeout().toSeconds());
    body.put("MemorySize", config.memoryMb());
    body.put("LastModified", lastModified(version.lastModified()));
    body.put("CodeSha256", identity.sha256());
    body.put("Version", version.version());
    if (!config.environment().isEmpty()) {
      ObjectNode variables = body.putObject("Environment").putObject("Variables");
      config.environment().forEach(variables::put);
    }
    body.putObject("TracingConfig").put("Mode", "PassThrough");
    body.put("RevisionId", version.revisionId());
    body.put("State", "Active");
    body.put("LastUpdateStatus", version.updating() ? "InProgress" : "Successful");
    body.put("PackageType", "Zip");
    body.putArray("Architectures").add(ARCHITECTURE);
    body.putObject("EphemeralStorage").put("Size", ConfigurationFields.EPHEMERAL_STORAGE_MB);
    ObjectNode snapStart = body.putObject("SnapStart");
    snapStart.put("ApplyOn", "None");
    snapStart.put("OptimizationStatus", "Off");
    ObjectNode logging = body.putObject("LoggingConfig");
    logging.put("LogFormat", "Text");
    logging.put("LogGroup", "/aws/lambda/" + config.name());
    return body;
  }

  /** The configuration of what {@code ref} names: {@code $LATEST}, a version or an alias. */
  ObjectNode write(LambdaFunction function, FunctionRef ref) {
    return write(function.snapshot(function.resolve(ref.qualifier())), ref.qualifier());
  }

  /**
   * The function's role; a function deployed without one reports the role SAM would create for it,
   * since Lambda always has one.
   */
  private String role(FunctionConfig config) {
    return config.role().isEmpty()
        ? "arn:aws:iam::" + host.accountId() + ":role/" + config.name() + "-role"
        : config.role();
  }
}
