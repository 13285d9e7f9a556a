package dev.perfkit.lab.deploy;

import dev.perfkit.lab.stack.ApiMethod;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.FunctionAlias;
import dev.perfkit.lab.stack.FunctionSpec;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.lab.stack.QueueSpec;
import dev.perfkit.lab.stack.RestApi;
import dev.perfkit.lab.stack.SqsTrigger;
import dev.perfkit.lab.stack.UsagePlanSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Renders a {@link LabStack} as an AWS SAM template, deployable with {@code sam deploy} or {@code
 * aws cloudformation package/deploy}. Intrinsic functions are written in their long form ({@code
 * Ref:}, {@code Fn::GetAtt:}) so that any YAML parser reads the template.
 *
 * <p>Each function's role allows only what that function touches: the performance function writes
 * its own table, the load tester invokes only the performance function and its alias, the SQS
 * function consumes only its own queue.
 */
public final class SamTemplate {

  /**
   * The Lambda runtime of the three functions. The jar targets Java 17, but Lambda blocks new
   * java17 functions from 2026-07-31; java21 runs the same jar and supports SnapStart.
   */
  public static final String RUNTIME = "java21";

  static final String PERFORMANCE_FUNCTION = "PerformanceFunction";
  static final String LOAD_TESTER = "LoadTester";
  static final String SQS_SCALER = "SqsScaler";
  static final String API = "OptimizedApi";
  static final String USAGE_PLAN = "PerformanceUsagePlan";
  static final String API_KEY = "PerformanceApiKey";
  static final String USAGE_PLAN_KEY = "PerformanceUsagePlanKey";
  static final String TABLE = "PerformanceTable";
  static final String QUEUE = "HighThroughputQueue";
  static final String DEAD_LETTER_QUEUE = "HighThroughputDeadLetterQueue";
  static final String QUEUE_MAPPING = "SqsScalerQueueMapping";
  static final String DASHBOARD = "PerformanceDashboard";

  private SamTemplate() {}

  /**
   * Renders the template as YAML.
   *
   * @param stack the validated stack
   * @param codeUri the handlers' deployment artifact, relative to where the template is written or
   *     an {@code s3://} URI
   */
  public static String render(LabStack stack, String codeUri) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setSplitLines(false);
    return new Yaml(new MultiLineLiteralRepresenter(options), options).dump(tree(stack, codeUri));
  }

  /** The template as nested maps and lists, in the order it is written. */
  static Map<String, Object> tree(LabStack stack, String codeUri) {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(codeUri, "codeUri");
    if (codeUri.isBlank()) {
      throw new IllegalArgumentException("codeUri is blank: give the handlers' Lambda jar");
    }
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put(PERFORMANCE_FUNCTION, performanceFunction(stack, codeUri));
    resources.put(LOAD_TESTER, loadTester(stack, codeUri));
    resources.put(SQS_SCALER, sqsScaler(stack, codeUri));
    resources.put(API, api(stack.api()));
    resources.put(USAGE_PLAN, usagePlan(stack.api()));
    resources.put(
        API_KEY,
        resource(
            "AWS::ApiGateway::ApiKey",
            map(
                "Name",
                stack.api().usagePlan().apiKeyName(),
                "Description",
                "API key of " + stack.api().usagePlan().name(),
                "Enabled",
                true)));
    resources.put(
        USAGE_PLAN_KEY,
        resource(
            "AWS::ApiGateway::UsagePlanKey",
            map(
                "KeyId", ref(API_KEY),
                "KeyType", "API_KEY",
                "UsagePlanId", ref(USAGE_PLAN))));
    resources.put(TABLE, table(stack));
    QueueSpec queue = stack.queue();
    resources.put(QUEUE, queue(queue));
    queue.redrive().ifPresent(r -> resources.put(DEAD_LETTER_QUEUE, queue(r.deadLetterQueue())));
    resources.put(QUEUE_MAPPING, queueMapping(stack.sqsTrigger()));
    resources.put(
        DASHBOARD,
        resource(
            "AWS::CloudWatch::Dashboard",
            map(
                "DashboardName", stack.dashboardName(),
                "DashboardBody", map("Fn::Sub", DashboardBody.render(stack, "${AWS::Region}")))));

    Map<String, Object> template = new LinkedHashMap<>();
    template.put("AWSTemplateFormatVersion", "2010-09-09");
    template.put("Transform", "AWS::Serverless-2016-10-31");
    template.put(
        "Description",
        "perfkit lab stack of "
            + stack.username()
            + " (cold start: "
            + stack
                .performanceFunction()
                .alias()
                .map(FunctionAlias::coldStart)
                .orElse(ColdStartMode.NONE)
                .name()
                .toLowerCase(Locale.ROOT)
            + "), rendered by perfkit-lab");
    template.put("Resources", resources);
    template.put("Outputs", outputs(stack));
    return template;
  }

  private static Map<String, Object> performanceFunction(LabStack stack, String codeUri) {
    // database_batch writes with BatchWriteItem and nothing else.
    Map<String, Object> properties =
        function(
            stack.performanceFunction(),
            codeUri,
            List.of(statement(List.of("dynamodb:BatchWriteItem"), getAtt(TABLE, "Arn"))));
    RestApi api = stack.api();
    Map<String, Object> events = new LinkedHashMap<>();
    for (ApiMethod method : api.methods()) {
      Map<String, Object> event =
          map(
              "RestApiId", ref(API),
              "Path", api.resourcePath(),
              "Method", method.httpMethod(),
              "Auth", map("ApiKeyRequired", method.apiKeyRequired()));
      if (!method.cacheKeyQueryParameters().isEmpty()) {
        List<Object> parameters = new ArrayList<>();
        for (String name : method.cacheKeyQueryParameters()) {
          parameters.add(
              map("method.request.querystring." + name, map("Required", false, "Caching", true)));
        }
        event.put("RequestParameters", parameters);
      }
      String name =
          method.httpMethod().charAt(0)
              + method.httpMethod().substring(1).toLowerCase(Locale.ROOT)
              + "Performance";
      events.put(name, map("Type", "Api", "Properties", event));
    }
    properties.put("Events", events);
    return functionResource(properties);
  }

  private static Map<String, Object> loadTester(LabStack stack, String codeUri) {
    // The function and its alias, and nothing else: lambda:InvokeFunction on a qualified ARN
    // (name:prod) is a resource of its own.
    List<Object> targets = new ArrayList<>(List.of(getAtt(PERFORMANCE_FUNCTION, "Arn")));
    if (stack.performanceFunction().alias().isPresent()) {
      targets.add(ref(PERFORMANCE_FUNCTION + ".Alias"));
    }
    return functionResource(
        function(
            stack.loadTester(),
            codeUri,
            List.of(statement(List.of("lambda:InvokeFunction"), targets))));
  }

  private static Map<String, Object> sqsScaler(LabStack stack, String codeUri) {
    // The mapping is a plain resource rather than a SAM SQS event: that event attaches the
    // managed policy AWSLambdaSQSQueueExecutionRole, which allows every queue of the account.
    return functionResource(
        function(
            stack.sqsScaler(),
            codeUri,
            List.of(
                statement(
                    List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"),
                    getAtt(QUEUE, "Arn")))));
  }

  private static Map<String, Object> function(
      FunctionSpec function, String codeUri, List<Object> statements) {
    Map<String, Object> properties =
        map(
            "FunctionName", function.name(),
            "Description", function.description(),
            "Runtime", RUNTIME,
            "Handler", function.handler(),
            "CodeUri", codeUri,
            "MemorySize", function.memoryMb(),
            "Timeout", function.timeoutSeconds());
    function
        .reservedConcurrency()
        .ifPresent(reserved -> properties.put("ReservedConcurrentExecutions", reserved));
    function
        .alias()
        .ifPresent(
            alias -> {
              properties.put("AutoPublishAlias", alias.name());
              switch (alias.coldStart()) {
                case PROVISIONED ->
                    properties.put(
                        "ProvisionedConcurrencyConfig",
                        map("ProvisionedConcurrentExecutions", alias.provisionedConcurrency()));
                case SNAPSTART -> properties.put("SnapStart", map("ApplyOn", "PublishedVersions"));
                case NONE -> {}
              }
            });
    properties.put("Environment", map("Variables", new LinkedHashMap<>(function.environment())));
    properties.put("Policies", List.of(map("Statement", statements)));
    return properties;
  }

  private static Map<String, Object> api(RestApi api) {
    // MethodSettings name a resource path with its slashes written as ~1.
    String encodedPath = "/" + api.resourcePath().replace("/", "~1");
    List<Object> methodSettings = new ArrayList<>();
    for (ApiMethod method : api.methods()) {
      if (method.cachingEnabled()) {
        methodSettings.add(
            map(
                "ResourcePath",
                encodedPath,
                "HttpMethod",
                method.httpMethod(),
                "CachingEnabled",
                true,
                "CacheTtlInSeconds",
                api.cacheTtlSeconds()));
      }
    }
    Map<String, Object> properties =
        map(
            "Name", api.name(),
            "Description", "High-performance API with caching and throttling",
            "StageName", api.stageName(),
            // Without it SAM also creates a stage named "Stage".
            "OpenApiVersion", "3.0",
            "CacheClusterEnabled", !methodSettings.isEmpty(),
            "CacheClusterSize", api.cacheClusterSizeGb(),
            "MethodSettings", methodSettings);
    return resource("AWS::Serverless::Api", properties);
  }

  private static Map<String, Object> usagePlan(RestApi api) {
    UsagePlanSpec plan = api.usagePlan();
    return resource(
        "AWS::ApiGateway::UsagePlan",
        map(
            "UsagePlanName", plan.name(),
            "Description", "High-performance usage plan with throttling",
            "ApiStages", List.of(map("ApiId", ref(API), "Stage", ref(API + ".Stage"))),
            "Throttle", map("RateLimit", plan.rateLimit(), "BurstLimit", plan.burstLimit()),
            "Quota", map("Limit", plan.quotaLimit(), "Period", plan.quotaPeriod().name())));
  }

  private static Map<String, Object> table(LabStack stack) {
    String key = stack.table().partitionKey();
    return resource(
        "AWS::DynamoDB::Table",
        map(
            "TableName", stack.table().name(),
            "BillingMode", "PAY_PER_REQUEST",
            "AttributeDefinitions", List.of(map("AttributeName", key, "AttributeType", "S")),
            "KeySchema", List.of(map("AttributeName", key, "KeyType", "HASH")),
            "TimeToLiveSpecification",
                map("AttributeName", stack.table().ttlAttribute(), "Enabled", true)));
  }

  private static Map<String, Object> queue(QueueSpec queue) {
    Map<String, Object> properties =
        map(
            "QueueName", queue.name(),
            "VisibilityTimeout", queue.visibilityTimeoutSeconds(),
            "MessageRetentionPeriod", queue.messageRetentionSeconds());
    queue
        .redrive()
        .ifPresent(
            redrive ->
                properties.put(
                    "RedrivePolicy",
                    map(
                        "deadLetterTargetArn", getAtt(DEAD_LETTER_QUEUE, "Arn"),
                        "maxReceiveCount", redrive.maxReceiveCount())));
    return resource("AWS::SQS::Queue", properties);
  }

  private static Map<String, Object> queueMapping(SqsTrigger trigger) {
    Map<String, Object> properties =
        map(
            "FunctionName", ref(SQS_SCALER),
            "EventSourceArn", getAtt(QUEUE, "Arn"),
            "BatchSize", trigger.batchSize(),
            "MaximumBatchingWindowInSeconds", trigger.maximumBatchingWindowSeconds());
    if (trigger.reportBatchItemFailures()) {
      properties.put("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
    }
    properties.put("ScalingConfig", map("MaximumConcurrency", trigger.maximumConcurrency()));
    return resource("AWS::Lambda::EventSourceMapping", properties);
  }

  private static Map<String, Object> outputs(LabStack stack) {
    RestApi api = stack.api();
    Map<String, Object> outputs = new LinkedHashMap<>();
    outputs.put(
        "ApiUrl",
        output(
            "POST here, or GET with ?operation=..., sending the header x-api-key",
            map(
                "Fn::Sub",
                "https://${"
                    + API
                    + "}.execute-api.${AWS::Region}.${AWS::URLSuffix}/"
                    + api.stageName()
                    + api.resourcePath())));
    outputs.put(
        "ApiKeyId",
        output(
            "aws apigateway get-api-key --api-key <this id> --include-value --query value"
                + " --output text",
            ref(API_KEY)));
    outputs.put(
        "PerformanceFunctionName",
        output(
            "Invoked by the API through its alias " + LabStack.ALIAS, ref(PERFORMANCE_FUNCTION)));
    outputs.put(
        "LoadTesterName", output("aws lambda invoke --function-name <this> ...", ref(LOAD_TESTER)));
    outputs.put("SqsScalerName", output("Consumes the queue", ref(SQS_SCALER)));
    outputs.put("QueueUrl", output("Send load here", ref(QUEUE)));
    stack
        .queue()
        .redrive()
        .ifPresent(
            r ->
                outputs.put(
                    "DeadLetterQueueUrl",
                    output(
                        "Messages received " + r.maxReceiveCount() + " times without success",
                        ref(DEAD_LETTER_QUEUE))));
    outputs.put("TableName", output("Table of database_batch", ref(TABLE)));
    outputs.put(
        "DashboardUrl",
        output(
            "The performance dashboard",
            map(
                "Fn::Sub",
                "https://${AWS::Region}.console.aws.amazon.com/cloudwatch/home?region=${AWS::Region}"
                    + "#dashboards:name="
                    + stack.dashboardName())));
    return outputs;
  }

  private static Map<String, Object> output(String description, Object value) {
    return map("Description", description, "Value", value);
  }

  private static Map<String, Object> statement(List<String> actions, Object resource) {
    return map("Effect", "Allow", "Action", actions, "Resource", resource);
  }

  private static Map<String, Object> resource(String type, Map<String, Object> properties) {
    return map("Type", type, "Properties", properties);
  }

  /**
   * A function resource. Maven builds its jar, so {@code sam build} is told to take the jar as it
   * is: without SkipBuild it looks for a Maven project at the CodeUri and fails.
   */
  private static Map<String, Object> functionResource(Map<String, Object> properties) {
    return map(
        "Type",
        "AWS::Serverless::Function",
        "Metadata",
        map("SkipBuild", true),
        "Properties",
        properties);
  }

  private static Map<String, Object> ref(String logicalId) {
    return map("Ref", logicalId);
  }

  private static Map<String, Object> getAtt(String logicalId, String attribute) {
    return map("Fn::GetAtt", List.of(logicalId, attribute));
  }

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** Writes strings that span lines (the dashboard body) as literal blocks, readable as JSON. */
  private static final class MultiLineLiteralRepresenter extends Representer {
    MultiLineLiteralRepresenter(DumperOptions options) {
      super(options);
    }

    @Override
    protected Node representScalar(Tag tag, String value, DumperOptions.ScalarStyle style) {
      boolean multiLine = Tag.STR.equals(tag) && value.indexOf('\n') >= 0;
      return super.representScalar(
          tag, value, multiLine ? DumperOptions.ScalarStyle.LITERAL : style);
    }
  }
}
