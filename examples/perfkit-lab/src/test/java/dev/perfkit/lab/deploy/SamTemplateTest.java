package dev.perfkit.lab.deploy;

import static dev.perfkit.lab.deploy.RenderedTemplate.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.perfkit.handlers.PerformanceFunction;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.LabStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SamTemplateTest {

  private final JsonNode template = RenderedTemplate.of("user3", ColdStartMode.PROVISIONED);

  private JsonNode properties(String logicalId) {
    JsonNode resource = template.path("Resources").path(logicalId);
    assertThat(resource.isObject()).as("resource %s", logicalId).isTrue();
    return resource.path("Properties");
  }

  @Test
  void render_functions_carryTheHandlersAndTheLabsSizes() {
    assertThat(functionSummary("PerformanceFunction"))
        .isEqualTo("dev.perfkit.handlers.PerformanceFunction::handleRequest 1024 MB 300 s");
    assertThat(functionSummary("LoadTester"))
        .isEqualTo("dev.perfkit.handlers.LoadTester::handleRequest 512 MB 900 s");
    assertThat(functionSummary("SqsScaler"))
        .isEqualTo("dev.perfkit.handlers.SqsScaler::handleRequest 256 MB 60 s");
    for (String id : List.of("PerformanceFunction", "LoadTester", "SqsScaler")) {
      assertThat(properties(id).path("Runtime").asText()).isEqualTo("java21");
      assertThat(properties(id).path("CodeUri").asText()).isEqualTo(RenderedTemplate.CODE_URI);
    }
    assertThat(properties("PerformanceFunction").path("ReservedConcurrentExecutions").asInt())
        .isEqualTo(50);
    assertThat(properties("LoadTester").has("ReservedConcurrentExecutions")).isFalse();
    assertThat(properties("SqsScaler").path("ReservedConcurrentExecutions").asInt()).isEqualTo(100);
  }

  @Test
  void render_functions_tellSamBuildToTakeTheMavenJarAsItIs() {
    for (String id : List.of("PerformanceFunction", "LoadTester", "SqsScaler")) {
      assertThat(template.at("/Resources/" + id + "/Metadata/SkipBuild").asBoolean())
          .as("SkipBuild of %s", id)
          .isTrue();
    }
  }

  private String functionSummary(String id) {
    JsonNode p = properties(id);
    return p.path("Handler").asText()
        + " "
        + p.path("MemorySize").asInt()
        + " MB "
        + p.path("Timeout").asInt()
        + " s";
  }

  @Test
  void render_environment_pointsEachFunctionAtTheUsersResources() {
    assertThat(variables("PerformanceFunction"))
        .containsEntry("PERFKIT_TABLE_NAME", "user3-performance-table")
        .containsEntry("PERFKIT_NAMESPACE", "HighPerformance");
    assertThat(variables("LoadTester"))
        .containsEntry("PERFKIT_TARGET_FUNCTION", "user3-performance-function:prod")
        .containsEntry("PERFKIT_ALLOWED_TARGET_FUNCTIONS", "user3-performance-function");
    assertThat(variables("SqsScaler")).containsEntry("PERFKIT_NAMESPACE", "HighPerformance");
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> variables(String id) {
    return JSON.convertValue(properties(id).path("Environment").path("Variables"), Map.class);
  }

  @ParameterizedTest
  @EnumSource(ColdStartMode.class)
  void render_coldStartMode_setsProvisionedOrSnapStartNeverBoth(ColdStartMode mode) {
    JsonNode function =
        RenderedTemplate.of("user3", mode).at("/Resources/PerformanceFunction/Properties");

    assertThat(function.path("AutoPublishAlias").asText()).isEqualTo("prod");
    assertThat(function.has("ProvisionedConcurrencyConfig"))
        .isEqualTo(mode == ColdStartMode.PROVISIONED);
    assertThat(function.has("SnapStart")).isEqualTo(mode == ColdStartMode.SNAPSTART);
    if (mode == ColdStartMode.PROVISIONED) {
      assertThat(
              function.at("/ProvisionedConcurrencyConfig/ProvisionedConcurrentExecutions").asInt())
          .isEqualTo(10);
    }
    if (mode == ColdStartMode.SNAPSTART) {
      assertThat(function.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
    }
  }

  @Test
  void render_performanceFunctionRole_writesOnlyItsOwnTable() {
    JsonNode statements = onlyStatements("PerformanceFunction");

    assertThat(statements).hasSize(1);
    assertThat(texts(statements.get(0).path("Action"))).containsExactly("dynamodb:BatchWriteItem");
    assertThat(statements.get(0).path("Resource")).isEqualTo(getAtt("PerformanceTable", "Arn"));
  }

  @Test
  void render_loadTesterRole_invokesOnlyThePerformanceFunctionAndItsAlias() {
    JsonNode statements = onlyStatements("LoadTester");

    assertThat(statements).hasSize(1);
    assertThat(texts(statements.get(0).path("Action"))).containsExactly("lambda:InvokeFunction");
    assertThat(statements.get(0).path("Resource"))
        .containsExactly(
            getAtt("PerformanceFunction", "Arn"),
            JSON.createObjectNode().put("Ref", "PerformanceFunction.Alias"));
  }

  @Test
  void render_sqsScalerRole_consumesOnlyItsOwnQueue() {
    JsonNode statements = onlyStatements("SqsScaler");

    assertThat(statements).hasSize(1);
    assertThat(texts(statements.get(0).path("Action")))
        .containsExactlyInAnyOrder(
            "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes");
    assertThat(statements.get(0).path("Resource")).isEqualTo(getAtt("HighThroughputQueue", "Arn"));
    // A SAM SQS event would attach AWSLambdaSQSQueueExecutionRole, valid for every queue.
    assertThat(properties("SqsScaler").has("Events")).isFalse();
  }

  @Test
  void render_policies_grantNoWildcardAndNoManagedPolicy() {
    List<String> wildcards = new ArrayList<>();
    for (String id : List.of("PerformanceFunction", "LoadTester", "SqsScaler")) {
      JsonNode policies = properties(id).path("Policies");
      for (JsonNode policy : policies) {
        assertThat(policy.isObject()).as("%s policy %s is inline", id, policy).isTrue();
      }
      policies.findValues("Resource").stream()
          .flatMap(
              r ->
                  r.isArray()
                      ? StreamSupport.stream(r.spliterator(), false)
                      : java.util.stream.Stream.of(r))
          .filter(r -> r.isTextual() && r.asText().contains("*"))
          .forEach(r -> wildcards.add(id + ": " + r.asText()));
    }

    assertThat(wildcards).isEmpty();
  }

  private JsonNode onlyStatements(String id) {
    JsonNode policies = properties(id).path("Policies");
    assertThat(policies).hasSize(1);
    return policies.get(0).path("Statement");
  }

  @Test
  void render_queue_staysHiddenSixTimesTheConsumerTimeoutPlusTheBatchingWindow() {
    int timeout = properties("SqsScaler").path("Timeout").asInt();
    int window = properties("SqsScalerQueueMapping").path("MaximumBatchingWindowInSeconds").asInt();

    assertThat(properties("HighThroughputQueue").path("VisibilityTimeout").asInt())
        .isGreaterThanOrEqualTo(6 * timeout + window);
  }

  @Test
  void render_queue_redrivesToTheDeadLetterQueueAfterThreeReceives() {
    JsonNode redrive = properties("HighThroughputQueue").path("RedrivePolicy");

    assertThat(redrive.path("maxReceiveCount").asInt()).isEqualTo(3);
    assertThat(redrive.path("deadLetterTargetArn"))
        .isEqualTo(getAtt("HighThroughputDeadLetterQueue", "Arn"));
    assertThat(properties("HighThroughputDeadLetterQueue").path("QueueName").asText())
        .isEqualTo("user3-high-throughput-queue-dlq");
    assertThat(properties("HighThroughputQueue").has("MaxReceiveCount")).isFalse();
  }

  @Test
  void render_mapping_batchesTenInOneSecondAndReportsItemFailures() {
    JsonNode mapping = properties("SqsScalerQueueMapping");

    assertThat(mapping.path("FunctionName"))
        .isEqualTo(JSON.createObjectNode().put("Ref", "SqsScaler"));
    assertThat(mapping.path("EventSourceArn")).isEqualTo(getAtt("HighThroughputQueue", "Arn"));
    assertThat(mapping.path("BatchSize").asInt()).isEqualTo(10);
    assertThat(mapping.path("MaximumBatchingWindowInSeconds").asInt()).isEqualTo(1);
    assertThat(texts(mapping.path("FunctionResponseTypes")))
        .containsExactly("ReportBatchItemFailures");
  }

  @Test
  void render_mappingConcurrency_staysWithinTheConsumersReservedConcurrency() {
    int maximum =
        properties("SqsScalerQueueMapping").at("/ScalingConfig/MaximumConcurrency").asInt();
    int reserved = properties("SqsScaler").path("ReservedConcurrentExecutions").asInt();

    assertThat(maximum).isBetween(2, reserved);
  }

  @Test
  void render_apiMethods_requireAnApiKey() {
    JsonNode events = properties("PerformanceFunction").path("Events");

    assertThat(events.size()).isEqualTo(2);
    for (JsonNode event : events) {
      assertThat(event.path("Type").asText()).isEqualTo("Api");
      assertThat(event.at("/Properties/RestApiId"))
          .isEqualTo(JSON.createObjectNode().put("Ref", "OptimizedApi"));
      assertThat(event.at("/Properties/Path").asText()).isEqualTo("/performance");
      assertThat(event.at("/Properties/Auth/ApiKeyRequired").asBoolean())
          .as("ApiKeyRequired of %s", event.at("/Properties/Method"))
          .isTrue();
    }
  }

  @Test
  void render_getMethod_isCachedWithTheOperationParametersAsKeys() {
    JsonNode get = properties("PerformanceFunction").at("/Events/GetPerformance/Properties");
    List<String> cacheKeys = new ArrayList<>();
    for (JsonNode parameter : get.path("RequestParameters")) {
      parameter
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().path("Caching").asBoolean()) {
                  cacheKeys.add(e.getKey());
                }
              });
    }
    JsonNode api = properties("OptimizedApi");

    assertThat(get.path("Method").asText()).isEqualTo("GET");
    assertThat(cacheKeys)
        .containsExactly(
            "method.request.querystring.operation",
            "method.request.querystring.dataSize",
            "method.request.querystring.concurrency",
            "method.request.querystring.iterations");
    assertThat(api.path("StageName").asText()).isEqualTo("prod");
    assertThat(api.path("CacheClusterEnabled").asBoolean()).isTrue();
    assertThat(api.path("CacheClusterSize").asText()).isEqualTo("0.5");
    assertThat(api.path("MethodSettings"))
        .containsExactly(
            JSON.createObjectNode()
                .put("ResourcePath", "/~1performance")
                .put("HttpMethod", "GET")
                .put("CachingEnabled", true)
                .put("CacheTtlInSeconds", 300));
  }

  @Test
  void render_postMethod_isNotCached() {
    JsonNode post = properties("PerformanceFunction").at("/Events/PostPerformance/Properties");

    assertThat(post.path("Method").asText()).isEqualTo("POST");
    assertThat(post.has("RequestParameters")).isFalse();
    assertThat(properties("OptimizedApi").path("MethodSettings").findValuesAsText("HttpMethod"))
        .doesNotContain("POST");
  }

  @Test
  void render_usagePlan_throttlesAndMetersTheStageThroughItsKey() {
    JsonNode plan = properties("PerformanceUsagePlan");
    JsonNode planKey = properties("PerformanceUsagePlanKey");

    assertThat(plan.path("Throttle"))
        .isEqualTo(JSON.createObjectNode().put("RateLimit", 500).put("BurstLimit", 1000));
    assertThat(plan.path("Quota"))
        .isEqualTo(JSON.createObjectNode().put("Limit", 10000).put("Period", "DAY"));
    assertThat(plan.at("/ApiStages/0/ApiId"))
        .isEqualTo(JSON.createObjectNode().put("Ref", "OptimizedApi"));
    assertThat(plan.at("/ApiStages/0/Stage"))
        .isEqualTo(JSON.createObjectNode().put("Ref", "OptimizedApi.Stage"));
    assertThat(planKey.path("KeyId"))
        .isEqualTo(JSON.createObjectNode().put("Ref", "PerformanceApiKey"));
    assertThat(planKey.path("UsagePlanId"))
        .isEqualTo(JSON.createObjectNode().put("Ref", "PerformanceUsagePlan"));
    assertThat(planKey.path("KeyType").asText()).isEqualTo("API_KEY");
    assertThat(properties("PerformanceApiKey").path("Enabled").asBoolean()).isTrue();
  }

  @Test
  void render_table_isOnDemandWithTheKeyAndTimeToLiveThePerformanceFunctionWrites() {
    JsonNode table = properties("PerformanceTable");

    assertThat(table.path("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
    assertThat(table.path("TimeToLiveSpecification"))
        .isEqualTo(
            JSON.createObjectNode()
                .put("AttributeName", PerformanceFunction.TABLE_TTL_ATTRIBUTE)
                .put("Enabled", true));
    assertThat(table.at("/KeySchema/0/AttributeName").asText())
        .isEqualTo(PerformanceFunction.TABLE_PARTITION_KEY);
    assertThat(table.at("/AttributeDefinitions/0/AttributeType").asText()).isEqualTo("S");
  }

  @Test
  void render_everyNamedResource_isPrefixedByTheUsername() {
    List<String> names = new ArrayList<>();
    template
        .path("Resources")
        .forEach(
            resource ->
                resource
                    .path("Properties")
                    .fields()
                    .forEachRemaining(
                        e -> {
                          if (List.of(
                                      "FunctionName",
                                      "QueueName",
                                      "TableName",
                                      "DashboardName",
                                      "Name",
                                      "UsagePlanName")
                                  .contains(e.getKey())
                              && e.getValue().isTextual()) {
                            names.add(e.getValue().asText());
                          }
                        }));

    assertThat(names)
        .containsExactlyInAnyOrder(
            "user3-performance-function",
            "user3-load-tester",
            "user3-sqs-scaler",
            "user3-optimized-api",
            "user3-performance-key",
            "user3-performance-plan",
            "user3-performance-table",
            "user3-high-throughput-queue",
            "user3-high-throughput-queue-dlq",
            "user3-performance-dashboard");
  }

  @Test
  void render_dashboard_asksForTheCustomMetricsByFunctionNameOnly() throws Exception {
    JsonNode dashboard = properties("PerformanceDashboard");
    JsonNode body = JSON.readTree(dashboard.at("/DashboardBody/Fn::Sub").asText());
    JsonNode custom = body.path("widgets").get(3).path("properties");

    assertThat(dashboard.path("DashboardName").asText()).isEqualTo("user3-performance-dashboard");
    assertThat(body.path("widgets").findValuesAsText("title"))
        .containsExactly(
            "Average Function Duration",
            "Concurrent Executions",
            "Throttles and Errors",
            "Custom Performance Metrics",
            "API Gateway Performance Metrics");
    assertThat(body.path("widgets").findValuesAsText("region")).containsOnly("${AWS::Region}");
    assertThat(custom.path("metrics"))
        .allSatisfy(
            row -> {
              assertThat(row.get(0).asText()).isEqualTo("HighPerformance");
              assertThat(row.get(2).asText()).isEqualTo("FunctionName");
              assertThat(row.get(3).asText()).isEqualTo("user3-performance-function");
              assertThat(row.size() == 4 || row.get(4).isObject())
                  .as("no further dimension")
                  .isTrue();
            });
  }

  @Test
  void render_outputs_giveTheApiUrlAndWhatCleanupNeeds() {
    assertThat(template.path("Outputs").fieldNames())
        .toIterable()
        .contains(
            "ApiUrl", "ApiKeyId", "LoadTesterName", "QueueUrl", "DeadLetterQueueUrl", "TableName");
    assertThat(template.at("/Outputs/ApiUrl/Value/Fn::Sub").asText())
        .isEqualTo(
            "https://${OptimizedApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}"
                + "/prod/performance");
  }

  @Test
  void render_blankCodeUri_isRejected() {
    LabStack stack = LabStack.forUser("user3", ColdStartMode.NONE);

    assertThatThrownBy(() -> SamTemplate.render(stack, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("codeUri");
  }

  private static JsonNode getAtt(String logicalId, String attribute) {
    return JSON.createObjectNode()
        .set("Fn::GetAtt", JSON.createArrayNode().add(logicalId).add(attribute));
  }

  private static List<String> texts(JsonNode node) {
    List<String> texts = new ArrayList<>();
    if (node.isTextual()) {
      texts.add(node.asText());
    }
    node.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
