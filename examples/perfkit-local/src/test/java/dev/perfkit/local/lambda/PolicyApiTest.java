package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AddPermissionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * A function's resource-based policy through the SDK's LambdaClient (Lambda API reference:
 * AddPermission, GetPolicy, RemovePermission): recorded and answered, not enforced.
 */
class PolicyApiTest {

  private static LocalLambda lambda;
  private static LambdaClient client;

  @BeforeAll
  static void start() throws IOException {
    lambda = LocalLambda.builder().build();
    client = TestSupport.client(lambda.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    lambda.close();
  }

  private static AddPermissionResponse allowApiGateway(String function, String statementId) {
    return client.addPermission(
        request ->
            request
                .functionName(function)
                .statementId(statementId)
                .action("lambda:InvokeFunction")
                .principal("apigateway.amazonaws.com")
                .sourceArn("arn:aws:execute-api:us-east-1:000000000000:api/*/POST/performance"));
  }

  @Test
  void addPermission_answers201WithTheStatementLambdaWrites() {
    lambda.deploy(probe("permitted").build());

    AddPermissionResponse added = allowApiGateway("permitted", "api-gateway");

    JsonNode statement = json(added.statement());
    assertThat(added.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(statement.get("Sid").asText()).isEqualTo("api-gateway");
    assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.get("Principal").get("Service").asText())
        .isEqualTo("apigateway.amazonaws.com");
    assertThat(statement.get("Action").asText()).isEqualTo("lambda:InvokeFunction");
    assertThat(statement.get("Resource").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:permitted");
    assertThat(statement.get("Condition").get("ArnLike").get("AWS:SourceArn").asText())
        .endsWith("/POST/performance");
  }

  @Test
  void getPolicy_afterAddPermission_answersThePolicyDocument() {
    lambda.deploy(probe("with-policy").build());
    allowApiGateway("with-policy", "first");
    allowApiGateway("with-policy", "second");

    JsonNode policy =
        json(client.getPolicy(request -> request.functionName("with-policy")).policy());

    assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
    assertThat(policy.get("Statement")).hasSize(2);
    assertThat(policy.get("Statement").get(1).get("Sid").asText()).isEqualTo("second");
  }

  @Test
  void addPermission_sameStatementId_throwsResourceConflict() {
    lambda.deploy(probe("duplicate-sid").build());
    allowApiGateway("duplicate-sid", "once");

    assertThatThrownBy(() -> allowApiGateway("duplicate-sid", "once"))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("The statement id (once) provided already exists"));
  }

  @Test
  void removePermission_lastStatement_leavesNoPolicy() {
    lambda.deploy(probe("revoked").build());
    allowApiGateway("revoked", "temporary");

    client.removePermission(request -> request.functionName("revoked").statementId("temporary"));

    assertThatThrownBy(() -> client.getPolicy(request -> request.functionName("revoked")))
        .isInstanceOf(ResourceNotFoundException.class);
  }
}
