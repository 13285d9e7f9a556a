package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The function resource: {@code CreateFunction} (a jar or a zip as {@code ZipFile}), {@code
 * GetFunction}, {@code GetFunctionConfiguration}, {@code ListFunctions}, {@code DeleteFunction},
 * {@code UpdateFunctionCode} and {@code UpdateFunctionConfiguration}.
 */
final class FunctionRoutes {

  private static final String FUNCTIONS = "/2015-03-31/functions";
  private static final String FUNCTION = FUNCTIONS + "/([^/]+)";

  /** A {@code ZipFile} of Lambda's 50 MB quota takes this much Base64 in a request's JSON. */
  private static final int MAX_CODE_REQUEST = 69_905_067;

  private static final Set<String> CREATE_FIELDS =
      Set.of("FunctionName", "Code", "Publish", "Tags", "PackageType", "Architectures");

  private final FunctionRegistry functions;
  private final FunctionConfigurationJson json;

  FunctionRoutes(DefaultLocalLambda lambda) {
    this.functions = lambda.functions();
    this.json = new FunctionConfigurationJson(lambda.host(), functions.code());
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", FUNCTIONS, this::create),
        Route.of("GET", FUNCTIONS, this::list),
        Route.of("GET", FUNCTION, this::get),
        Route.of("DELETE", FUNCTION, this::delete),
        Route.of("GET", FUNCTION + "/configuration", this::getConfiguration),
        Route.of("PUT", FUNCTION + "/configuration", this::updateConfiguration),
        Route.of("PUT", FUNCTION + "/code", this::updateCode));
  }

  /**
   * CreateFunction: answered 201 in state {@code Pending}, as Lambda answers; the function is
   * {@code Active} from the next read (the {@code function-active-v2} waiter's first).
   */
  private void create(ApiCall call) throws IOException {
    JsonRequest request = call.json(MAX_CODE_REQUEST, length -> codeTooLarge("CreateFunction"));
    String name = FunctionRef.parse(request.text("FunctionName"), Optional.empty()).name();
    String handler = request.text("Handler");
    request.text("Role");
    request.text("Runtime");
    request
        .optionalText("PackageType")
        .filter(type -> !type.equals("Zip"))
        .ifPresent(
            type -> {
              throw LocalLambdaException.invalidParameter(
                  "The local Lambda runs .zip deployment packages only; unsupported: PackageType "
                      + type);
            });
    ConfigurationFields.checkArchitectures(request);
    Map<String, String> tags = JsonRequest.textMap("Tags", request.node("Tags"));
    if (functions.functions().stream().anyMatch(function -> function.name.equals(name))) {
      throw LocalLambdaException.conflict("Function already exist: " + name);
    }
    byte[] zip = codeZipFile(request.node("Code"));
    FunctionConfig.Builder config =
        FunctionConfig.builder(name, handler, functions.code().store(name, zip))
            .build()
            .toBuilder();
    ConfigurationFields.apply(request, name, config, CREATE_FIELDS);
    LambdaFunction function = functions.deploy(config.build(), tags);
    ObjectNode body =
        request.optionalBoolean("Publish").orElse(false)
            ? publishedNow(function)
            : json.write(function.snapshot(function.resolve(Optional.empty())), Optional.empty());
    body.remove("LastUpdateStatus");
    body.put("State", "Pending");
    body.put("StateReason", "The function is being created.");
    body.put("StateReasonCode", "Creating");
    call.respond(201, body);
  }

  private ObjectNode publishedNow(LambdaFunction function) {
    String version = function.publishVersion("", Optional.empty()).version();
    return json.write(
        function.snapshot(function.resolve(Optional.of(version))), Optional.of(version));
  }

  /** ListFunctions: $LATEST of each function by name, or every version with FunctionVersion=ALL. */
  private void list(ApiCall call) throws IOException {
    Optional<String> versions = call.query("FunctionVersion");
    if (versions.isPresent() && !versions.get().equals("ALL")) {
      throw LocalLambdaException.invalidParameter(
          "FunctionVersion must be ALL, was '" + versions.get() + "'");
    }
    List<ObjectNode> all = new ArrayList<>();
    for (LambdaFunction function : functions.functions()) {
      if (versions.isPresent()) {
        function
            .versions()
            .forEach(version -> all.add(json.write(version, Optional.of(version.version()))));
      } else {
        all.add(json.write(function, new FunctionRef(function.name, Optional.empty())));
      }
    }
    call.respond(200, ListPage.of(all, call, 50, 10_000).write("Functions", node -> node));
  }

  /** GetFunction: the configuration, where the code is, the tags and the reserved concurrency. */
  private void get(ApiCall call) throws IOException {
    FunctionRef ref = FunctionRef.parse(call.pathParameter(1), call.query("Qualifier"));
    LambdaFunction function = functions.function(ref.name());
    VersionSnapshot version = function.snapshot(function.resolve(ref.qualifier()));
    ObjectNode body = ApiCall.JSON.createObjectNode();
    body.set("Configuration", json.write(version, ref.qualifier()));
    ObjectNode code = body.putObject("Code");
    code.put("RepositoryType", "S3");
    code.put("Location", functions.code().location(version.config().code()).toString());
    if (!function.tags().isEmpty()) {
      ObjectNode tags = body.putObject("Tags");
      function.tags().forEach(tags::put);
    }
    function
        .reservedConcurrency()
        .ifPresent(
            reserved ->
                body.putObject("Concurrency").put("ReservedConcurrentExecutions", reserved));
    call.respond(200, body);
  }

  /** DeleteFunction: the function, or with Qualifier one of its versions. */
  private void delete(ApiCall call) throws IOException {
    FunctionRef ref = FunctionRef.parse(call.pathParameter(1), call.query("Qualifier"));
    functions.delete(ref.name(), ref.qualifier());
    call.respond(204);
  }

  private void getConfiguration(ApiCall call) throws IOException {
    FunctionRef ref = FunctionRef.parse(call.pathParameter(1), call.query("Qualifier"));
    call.respond(200, json.write(functions.function(ref.name()), ref));
  }

  /**
   * UpdateFunctionConfiguration of {@code $LATEST}: applied at once, answered with {@code
   * LastUpdateStatus: InProgress} as Lambda does; later reads say {@code Successful} once no
   * environment of the earlier configuration runs.
   */
  private void updateConfiguration(ApiCall call) throws IOException {
    String name = unqualified(call, "UpdateFunctionConfiguration");
    JsonRequest request = call.json();
    FunctionConfig.Builder updated = functions.function(name).latest().toBuilder();
    ConfigurationFields.apply(request, name, updated, Set.of("RevisionId"));
    functions.update(updated.build(), request.optionalText("RevisionId"));
    respondUpdated(call, name);
  }

  /**
   * UpdateFunctionCode of {@code $LATEST} from a {@code ZipFile}; with {@code DryRun} the package
   * is checked and nothing changes, with {@code Publish} a version is published.
   */
  private void updateCode(ApiCall call) throws IOException {
    String name = unqualified(call, "UpdateFunctionCode");
    JsonRequest request = call.json(MAX_CODE_REQUEST, length -> codeTooLarge("UpdateFunctionCode"));
    ConfigurationFields.checkArchitectures(request);
    List<String> unsupported =
        request.fields().stream()
            .filter(
                field ->
                    !Set.of("ZipFile", "Publish", "DryRun", "RevisionId", "Architectures")
                        .contains(field))
            .filter(request::has)
            .toList();
    if (!unsupported.isEmpty()) {
      throw LocalLambdaException.invalidParameter(
          "The local Lambda takes code as a ZipFile only (no S3 or images); unsupported: "
              + unsupported);
    }
    LambdaFunction function = functions.function(name);
    byte[] zip = decodeZip(request.node("ZipFile"), "ZipFile");
    if (request.optionalBoolean("DryRun").orElse(false)) {
      call.respond(200, json.write(function, new FunctionRef(name, Optional.empty())));
      return;
    }
    FunctionConfig updated =
        function.latest().toBuilder().code(functions.code().store(name, zip)).build();
    functions.update(updated, request.optionalText("RevisionId"));
    if (request.optionalBoolean("Publish").orElse(false)) {
      call.respond(200, publishedNow(function));
      return;
    }
    respondUpdated(call, name);
  }

  private void respondUpdated(ApiCall call, String name) throws IOException {
    ObjectNode body = json.write(functions.function(name), new FunctionRef(name, Optional.empty()));
    body.put("LastUpdateStatus", "InProgress");
    call.respond(200, body);
  }

  private static String unqualified(ApiCall call, String operation) {
    String given = call.pathParameter(1);
    FunctionRef ref = FunctionRef.parse(given, Optional.empty());
    if (ref.qualifier().isPresent()) {
      throw LocalLambdaException.invalidParameter(
          operation
              + " changes $LATEST: FunctionName must not carry a qualifier, was '"
              + given
              + "'");
    }
    return ref.name();
  }

  /** The bytes of CreateFunction's {@code Code}: a ZipFile; S3 and image sources are refused. */
  private static byte[] codeZipFile(JsonNode code) {
    if (code == null || !code.isObject()) {
      throw LocalLambdaException.invalidParameter(
          "Code is required: {\"ZipFile\": the Base64 of a .zip or .jar}");
    }
    List<String> unsupported = new ArrayList<>();
    code.fieldNames()
        .forEachRemaining(
            name -> {
              if (!name.equals("ZipFile") && !code.get(name).isNull()) {
                unsupported.add("Code." + name);
              }
            });
    if (!unsupported.isEmpty()) {
      throw LocalLambdaException.invalidParameter(
          "The local Lambda takes code as a ZipFile only (no S3 or images); unsupported: "
              + unsupported);
    }
    return decodeZip(code.get("ZipFile"), "Code.ZipFile");
  }

  private static byte[] decodeZip(JsonNode zip, String field) {
    try {
      if (zip != null && zip.isTextual()) {
        return Base64.getDecoder().decode(zip.textValue());
      }
    } catch (IllegalArgumentException e) {
      // refused below
    }
    throw LocalLambdaException.invalidParameter(field + " must be the Base64 of a .zip or .jar");
  }

  private static LocalLambdaException codeTooLarge(String operation) {
    return LocalLambdaException.tooLarge(
        "Request must be smaller than "
            + MAX_CODE_REQUEST
            + " bytes for the "
            + operation
            + " operation");
  }
}
