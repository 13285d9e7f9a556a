package dev.perfkit.lab.cli;

import dev.perfkit.lab.local.LocalLab;
import dev.perfkit.lab.stack.FunctionAlias;
import dev.perfkit.lab.stack.FunctionSpec;
import dev.perfkit.lab.stack.LabStack;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What {@code perfkit-lab serve} prints once the lab is up: endpoints and commands that work. */
final class ServeInstructions {

  /** The lab's Task 4.1 requests, as POST bodies. */
  static final List<String> TASK_4_1_BODIES =
      List.of(
          "{\"operation\": \"default\"}",
          "{\"operation\": \"concurrent_processing\", \"concurrency\": 10}",
          "{\"operation\": \"database_batch\", \"dataSize\": \"large\"}",
          "{\"operation\": \"cpu_intensive\", \"iterations\": 10000}");

  static final String CLI_V2_FLAG = "--cli-binary-format raw-in-base64-out";

  /** The variable that points any AWS SDK or the CLI v2 at a CloudWatch endpoint. */
  static final String CLOUDWATCH_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_CLOUDWATCH";

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]*");
  private static final Pattern DOUBLE_QUOTE_SAFE = Pattern.compile("[^\"$`\\\\!]*");

  private ServeInstructions() {}

  static String render(LocalLab lab) {
    LabStack stack = lab.stack();
    StringBuilder text = new StringBuilder();
    for (String note : lab.notes()) {
      line(text, "note: " + note);
    }
    line(text, "");
    line(text, "Lambda (Invoke API)  " + lab.lambda().endpoint());
    int width = stack.functions().stream().mapToInt(f -> f.name().length()).max().orElse(0);
    for (FunctionSpec function : stack.functions()) {
      line(text, "  " + pad(function.name(), width) + "  " + settings(function));
    }
    line(text, "  logs, one file per execution environment: " + lab.lambda().logDirectory());
    String stageUrl = lab.api().invokeUrl() + stack.api().resourcePath();
    line(text, "API stage            " + stageUrl + "  (x-api-key: " + lab.apiKey() + ")");
    line(text, "SQS                  " + lab.sqs().endpoint());
    line(text, "  queue              " + lab.queues().queueUrl());
    line(
        text,
        "  dead-letter queue  "
            + lab.queues().deadLetterQueueUrl()
            + "  (after "
            + stack.queue().redrive().map(r -> r.maxReceiveCount()).orElse(0)
            + " receives)");
    line(
        text,
        "  mapping            "
            + stack.sqsTrigger().queueName()
            + " -> "
            + stack.sqsTrigger().functionName()
            + ", batch "
            + stack.sqsTrigger().batchSize()
            + ", window "
            + stack.sqsTrigger().maximumBatchingWindowSeconds()
            + " s, maximum concurrency "
            + stack.sqsTrigger().maximumConcurrency());
    Optional<String> dynamo = lab.dynamoEndpoint().map(Object::toString);
    line(
        text,
        "DynamoDB (dynalite)  "
            + dynamo
                .map(endpoint -> endpoint + "  table " + stack.table().name())
                .orElse("not running: database_batch answers 500"));
    line(text, "/uuid service        " + lab.externalUrl() + "  (the default operation's GET)");
    lab.cloudWatch()
        .ifPresent(
            cloudWatch -> {
              line(
                  text,
                  "CloudWatch           "
                      + cloudWatch.endpoint()
                      + "  ("
                      + CLOUDWATCH_ENDPOINT_VARIABLE
                      + "="
                      + cloudWatch.endpoint()
                      + ")");
              line(text, "  dashboard          " + cloudWatch.dashboardPage(stack.dashboardName()));
            });

    line(text, "");
    line(text, "The AWS CLI needs credentials and a region; any values do here:");
    line(
        text,
        "  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local"
            + " AWS_DEFAULT_REGION="
            + lab.sqs().region());
    line(
        text,
        "Invoke the performance function's alias (AWS CLI v1: leave out " + CLI_V2_FLAG + "):");
    String performance = stack.performanceFunction().name();
    String qualifier =
        stack.performanceFunction().alias().map(a -> " --qualifier " + a.name()).orElse("");
    line(
        text,
        "  aws lambda invoke --endpoint-url "
            + lab.lambda().endpoint()
            + " --function-name "
            + performance
            + qualifier
            + " "
            + CLI_V2_FLAG
            + " --payload "
            + quote(
                "{\"queryStringParameters\": {\"operation\": \"cpu_intensive\","
                    + " \"iterations\": \"10000\"}}")
            + " out.json");
    line(text, "Drive it with the load tester (Task 4.2):");
    line(
        text,
        "  aws lambda invoke --endpoint-url "
            + lab.lambda().endpoint()
            + " --function-name "
            + stack.loadTester().name()
            + " "
            + CLI_V2_FLAG
            + " --payload "
            + quote(
                "{\"body\": \"{\\\"concurrentRequests\\\": 5,"
                    + " \\\"totalRequests\\\": 50, \\\"testPayload\\\": {\\\"operation\\\":"
                    + " \\\"cpu_intensive\\\", \\\"iterations\\\": 10000}}\"}")
            + " load.json");

    line(text, "");
    line(text, "The lab's Task 4.1 through the API stage:");
    String key = quote("x-api-key: " + lab.apiKey());
    for (String body : TASK_4_1_BODIES) {
      String comment =
          body.contains("database_batch") && dynamo.isEmpty() ? "  # 500: no DynamoDB" : "";
      line(
          text,
          "  curl -X POST "
              + quote(stageUrl)
              + " -H "
              + key
              + " -H \"Content-Type: application/json\" -d "
              + quote(body)
              + comment);
    }
    line(
        text,
        "GET is cached by the stage (POST is not, as on API Gateway): run it twice,"
            + " X-Cache: Miss, then Hit:");
    line(
        text,
        "  curl -i -H "
            + key
            + " "
            + quote(stageUrl + "?operation=cpu_intensive&iterations=10000"));

    line(text, "");
    line(
        text,
        "Send a message to the queue (the mapping hands it to "
            + stack.sqsTrigger().functionName()
            + "):");
    line(
        text,
        "  aws sqs send-message --endpoint-url "
            + lab.sqs().endpoint()
            + " --queue-url "
            + lab.queues().queueUrl()
            + " --message-body "
            + quote("{\"id\": \"hello\"}"));
    lab.cloudWatch()
        .ifPresent(
            cloudWatch -> {
              line(text, "");
              line(
                  text,
                  "The metrics in the local CloudWatch: the functions' EMF ("
                      + LabStack.METRICS_NAMESPACE
                      + "), AWS/Lambda, AWS/ApiGateway, AWS/SQS:");
              line(
                  text,
                  "  aws cloudwatch list-metrics --endpoint-url "
                      + cloudWatch.endpoint()
                      + " --namespace "
                      + LabStack.METRICS_NAMESPACE);
              line(
                  text,
                  "  aws cloudwatch get-metric-statistics --endpoint-url "
                      + cloudWatch.endpoint()
                      + " --namespace AWS/Lambda --metric-name Invocations --dimensions Name=FunctionName,Value="
                      + performance
                      + " --statistics Sum --period 60"
                      + " --start-time $(date -u -d '-1 hour' +%FT%TZ) --end-time $(date -u -d '+1 minute' +%FT%TZ)");
            });
    line(text, "");
    return text.toString();
  }

  /** {@code value} as one shell word: bare when safe, else in double or single quotes. */
  static String quote(String value) {
    if (!value.isEmpty() && SAFE.matcher(value).matches()) {
      return value;
    }
    if (DOUBLE_QUOTE_SAFE.matcher(value).matches()) {
      return "\"" + value + "\"";
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static String settings(FunctionSpec function) {
    StringBuilder text =
        new StringBuilder()
            .append(function.memoryMb())
            .append(" MB, ")
            .append(function.timeoutSeconds())
            .append(" s");
    function.reservedConcurrency().ifPresent(r -> text.append(", reserved ").append(r));
    function
        .alias()
        .ifPresent(
            alias -> text.append(", alias ").append(alias.name()).append(provisioned(alias)));
    return text.toString();
  }

  private static String provisioned(FunctionAlias alias) {
    return alias.provisionedConcurrency() == 0
        ? ""
        : " (" + alias.provisionedConcurrency() + " provisioned)";
  }

  private static String pad(String value, int width) {
    return value + " ".repeat(width - value.length());
  }

  /** Appends {@code line} and a line separator. */
  static void line(StringBuilder text, String line) {
    text.append(line).append(System.lineSeparator());
  }
}
