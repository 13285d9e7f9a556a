package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * A function's resource-based policy: {@code AddPermission}, {@code RemovePermission} and {@code
 * GetPolicy}, statements written as Lambda writes them. Recorded, not enforced ({@link
 * FunctionPolicies}).
 */
final class PolicyRoutes {

  private static final String POLICY = "/2015-03-31/functions/([^/]+)/policy";

  private final DefaultLocalLambda lambda;
  private final FunctionRegistry functions;

  PolicyRoutes(DefaultLocalLambda lambda) {
    this.lambda = lambda;
    this.functions = lambda.functions();
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", POLICY, this::add),
        Route.of("GET", POLICY, this::get),
        Route.of("DELETE", POLICY + "/([^/]+)", this::remove));
  }

  private void add(ApiCall call) throws IOException {
    FunctionRef ref = existing(call);
    JsonRequest request = call.json();
    String action = request.text("Action");
    if (!action.matches("lambda:[*]|lambda:[a-zA-Z]+|[*]")) {
      throw LocalLambdaException.invalidParameter(
          "Action must be lambda:<operation>, lambda:* or *, was '" + action + "'");
    }
    String statementId = request.text("StatementId");
    if (!statementId.matches("[a-zA-Z0-9-_]{1,100}")) {
      throw LocalLambdaException.invalidParameter(
          "StatementId must be 1 to 100 letters, digits, '-' or '_', was '" + statementId + "'");
    }
    ObjectNode statement = ApiCall.JSON.createObjectNode();
    statement.put("Sid", statementId);
    statement.put("Effect", "Allow");
    principal(statement, request.text("Principal"));
    statement.put("Action", action);
    statement.put(
        "Resource",
        lambda.host().functionArn(ref.name()) + ref.qualifier().map(q -> ":" + q).orElse(""));
    request
        .optionalText("SourceArn")
        .ifPresent(
            arn ->
                statement
                    .withObjectProperty("Condition")
                    .withObjectProperty("ArnLike")
                    .put("AWS:SourceArn", arn));
    request
        .optionalText("SourceAccount")
        .ifPresent(
            account ->
                statement
                    .withObjectProperty("Condition")
                    .withObjectProperty("StringEquals")
                    .put("AWS:SourceAccount", account));
    request
        .optionalText("PrincipalOrgID")
        .ifPresent(
            org ->
                statement
                    .withObjectProperty("Condition")
                    .withObjectProperty("StringEquals")
                    .put("aws:PrincipalOrgID", org));
    request
        .optionalText("FunctionUrlAuthType")
        .ifPresent(
            type ->
                statement
                    .withObjectProperty("Condition")
                    .withObjectProperty("StringEquals")
                    .put("lambda:FunctionUrlAuthType", type));
    String added =
        functions
            .policies()
            .add(ref.name(), ref.qualifier(), statement, request.optionalText("RevisionId"));
    ObjectNode body = ApiCall.JSON.createObjectNode();
    body.put("Statement", added);
    call.respond(201, body);
  }

  private void get(ApiCall call) throws IOException {
    FunctionRef ref = existing(call);
    FunctionPolicies.Document document = functions.policies().get(ref.name(), ref.qualifier());
    ObjectNode body = ApiCall.JSON.createObjectNode();
    body.put("Policy", document.policy());
    body.put("RevisionId", document.revisionId());
    call.respond(200, body);
  }

  private void remove(ApiCall call) throws IOException {
    FunctionRef ref = existing(call);
    functions
        .policies()
        .remove(ref.name(), ref.qualifier(), call.pathParameter(2), call.query("RevisionId"));
    call.respond(204);
  }

  /** The function (and version or alias) the call names; 404 when it does not exist. */
  private FunctionRef existing(ApiCall call) {
    FunctionRef ref = FunctionRef.parse(call.pathParameter(1), call.query("Qualifier"));
    functions.function(ref.name()).resolve(ref.qualifier());
    return ref;
  }

  /** A service, an account (its root), an ARN or {@code *}, as Lambda writes each. */
  private void principal(ObjectNode statement, String principal) {
    if (principal.equals("*")) {
      statement.put("Principal", "*");
    } else if (principal.matches("\\d{12}")) {
      statement.putObject("Principal").put("AWS", "arn:aws:iam::" + principal + ":root");
    } else if (principal.startsWith("arn:")) {
      statement.putObject("Principal").put("AWS", principal);
    } else {
      statement.putObject("Principal").put("Service", principal);
    }
  }
}
