package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Versions and aliases through the SDK's LambdaClient (Lambda API reference: PublishVersion,
 * ListVersionsByFunction, CreateAlias, GetAlias, ListAliases, UpdateAlias, DeleteAlias), and the
 * waiter {@code PublishedVersionActive}.
 */
class VersionAliasApiTest {

  private static LocalLambda lambda;
  private static LambdaClient client;

  @BeforeAll
  static void start() throws IOException {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    client = TestSupport.client(lambda.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    lambda.close();
  }

  @Test
  void publishVersion_answers201PendingThenActiveForTheWaiter() {
    lambda.deploy(probe("published").build());

    PublishVersionResponse published =
        client.publishVersion(request -> request.functionName("published").description("v1"));
    GetFunctionConfigurationResponse active;
    try (LambdaWaiter waiter = client.waiter()) {
      active =
          waiter
              .waitUntilPublishedVersionActive(
                  request -> request.functionName("published").qualifier("1"))
              .matched()
              .response()
              .orElseThrow();
    }

    assertThat(published.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(published.version()).isEqualTo("1");
    assertThat(published.state()).isEqualTo(State.PENDING);
    assertThat(published.description()).isEqualTo("v1");
    assertThat(published.functionArn()).endsWith(":function:published:1");
    assertThat(active.state()).isEqualTo(State.ACTIVE);
  }

  @Test
  void publishVersion_unchangedLatest_answersTheLastVersionAgain() {
    lambda.deploy(probe("unchanged").build());
    client.publishVersion(request -> request.functionName("unchanged"));

    PublishVersionResponse again =
        client.publishVersion(request -> request.functionName("unchanged"));

    assertThat(again.version()).isEqualTo("1");
    assertThat(again.state()).isEqualTo(State.ACTIVE);
  }

  @Test
  void publishVersion_otherCodeSha256_isRefused() {
    lambda.deploy(probe("sha-checked").build());

    assertThatThrownBy(
            () ->
                client.publishVersion(
                    request -> request.functionName("sha-checked").codeSha256("bm90IGl0")))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.getMessage()).contains("is different from current CodeSHA256"));
  }

  @Test
  void listVersionsByFunction_answersLatestThenEachVersion() {
    lambda.deploy(probe("versioned").build());
    client.publishVersion(request -> request.functionName("versioned"));
    client.updateFunctionConfiguration(request -> request.functionName("versioned").timeout(9));
    client.publishVersion(request -> request.functionName("versioned"));

    List<String> versions =
        client
            .listVersionsByFunctionPaginator(
                request -> request.functionName("versioned").maxItems(1))
            .versions()
            .stream()
            .map(FunctionConfiguration::version)
            .toList();

    assertThat(versions).containsExactly("$LATEST", "1", "2");
  }

  @Test
  void createAlias_thenGetAndList_answerTheAlias() {
    lambda.deploy(probe("aliased-api").build());
    client.publishVersion(request -> request.functionName("aliased-api"));

    CreateAliasResponse created =
        client.createAlias(
            request ->
                request
                    .functionName("aliased-api")
                    .name("prod")
                    .functionVersion("1")
                    .description("production"));
    GetAliasResponse got =
        client.getAlias(request -> request.functionName("aliased-api").name("prod"));
    List<String> listed =
        client.listAliases(request -> request.functionName("aliased-api")).aliases().stream()
            .map(AliasConfiguration::name)
            .toList();

    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(created.aliasArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:aliased-api:prod");
    assertThat(got.functionVersion()).isEqualTo("1");
    assertThat(got.description()).isEqualTo("production");
    assertThat(got.revisionId()).isNotBlank();
    assertThat(listed).containsExactly("prod");
  }

  @Test
  void updateAlias_toAnotherVersion_invocationsRunThatVersion() {
    lambda.deploy(probe("moved").build());
    client.publishVersion(request -> request.functionName("moved"));
    client.createAlias(request -> request.functionName("moved").name("live").functionVersion("1"));
    client.updateFunctionConfiguration(request -> request.functionName("moved").timeout(25));
    client.publishVersion(request -> request.functionName("moved"));

    client.updateAlias(request -> request.functionName("moved").name("live").functionVersion("2"));
    InvokeResponse response =
        client.invoke(request -> request.functionName("moved").qualifier("live"));

    assertThat(response.executedVersion()).isEqualTo("2");
    assertThat(json(response.payload().asUtf8String()).get("function_version").asText())
        .isEqualTo("2");
  }

  @Test
  void deleteAlias_thenGetAlias_throwsResourceNotFound() {
    lambda.deploy(probe("unaliased").build());
    client.publishVersion(request -> request.functionName("unaliased"));
    client.createAlias(
        request -> request.functionName("unaliased").name("gone").functionVersion("1"));

    client.deleteAlias(request -> request.functionName("unaliased").name("gone"));

    assertThatThrownBy(
            () -> client.getAlias(request -> request.functionName("unaliased").name("gone")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void deleteFunctionVersion_referencedByAnAlias_throwsResourceConflict() {
    lambda.deploy(probe("pinned").build());
    client.publishVersion(request -> request.functionName("pinned"));
    client.createAlias(request -> request.functionName("pinned").name("prod").functionVersion("1"));

    assertThatThrownBy(
            () -> client.deleteFunction(request -> request.functionName("pinned").qualifier("1")))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            e -> assertThat(e.getMessage()).contains("aliases reference it: [prod]"));
  }
}
