package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** The versions of a function: {@code PublishVersion} and {@code ListVersionsByFunction}. */
final class VersionRoutes {

  private static final String VERSIONS = "/2015-03-31/functions/([^/]+)/versions";

  private final FunctionRegistry functions;
  private final FunctionConfigurationJson json;

  VersionRoutes(DefaultLocalLambda lambda) {
    this.functions = lambda.functions();
    this.json = new FunctionConfigurationJson(lambda.host(), functions.code());
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", VERSIONS, this::publish), Route.of("GET", VERSIONS, this::list));
  }

  /**
   * PublishVersion: 201 with the new version in state {@code Pending}, {@code Active} from the next
   * read (the {@code published-version-active} waiter's first); when {@code $LATEST} has not
   * changed since the last version, that version, as Lambda answers.
   */
  private void publish(ApiCall call) throws IOException {
    String name = FunctionRef.parse(call.pathParameter(1), Optional.empty()).name();
    JsonRequest request = call.json();
    LambdaFunction function = functions.function(name);
    Optional<String> expectedSha = request.optionalText("CodeSha256");
    if (expectedSha.isPresent()) {
      String current = functions.code().identity(function.latest().code()).sha256();
      if (!current.equals(expectedSha.get())) {
        throw LocalLambdaException.invalidParameter(
            "CodeSHA256 ("
                + expectedSha.get()
                + ") is different from current CodeSHA256 in"
                + " $LATEST ("
                + current
                + "). Please try again with the CodeSHA256 in $LATEST.");
      }
    }
    LambdaFunction.Published published =
        function.publishVersion(
            request.optionalText("Description").orElse(""), request.optionalText("RevisionId"));
    ObjectNode body =
        json.write(
            function.snapshot(function.resolve(Optional.of(published.version()))),
            Optional.of(published.version()));
    if (published.created()) {
      body.put("State", "Pending");
      body.put("StateReason", "The function is being created.");
      body.put("StateReasonCode", "Creating");
    }
    call.respond(201, body);
  }

  /** ListVersionsByFunction: {@code $LATEST} first, then the versions in order. */
  private void list(ApiCall call) throws IOException {
    String name = FunctionRef.parse(call.pathParameter(1), Optional.empty()).name();
    List<VersionSnapshot> versions = functions.function(name).versions();
    call.respond(
        200,
        ListPage.of(versions, call, 50, 10_000)
            .write("Versions", version -> json.write(version, Optional.of(version.version()))));
  }
}
