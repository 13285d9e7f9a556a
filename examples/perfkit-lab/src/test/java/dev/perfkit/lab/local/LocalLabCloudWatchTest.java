package dev.perfkit.lab.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.lambda.InvokeRequest;
import dev.perfkit.local.lambda.LocalLambdaException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The local lab feeding a local CloudWatch, read back with the SDK's CloudWatchClient: what the
 * local Lambda, the API stage and the queue did is there as AWS/Lambda, AWS/ApiGateway and AWS/SQS.
 * One lab for the class, at the smallest scale, without DynamoDB.
 */
class LocalLabCloudWatchTest {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static LocalCloudWatch cloudWatch;
  private static LocalLab lab;
  private static CloudWatchClient client;

  @BeforeAll
  static void startLab() throws Exception {
    cloudWatch = LocalCloudWatch.builder().build();
    lab = LabTestSupport.smallLab("cwtest").dynamo(false).cloudWatch(cloudWatch).start();
    client = LocalCloudWatchClient.of(cloudWatch);
  }

  @AfterAll
  static void stopLab() {
    if (client != null) {
      client.close();
    }
    if (lab != null) {
      lab.close();
    }
    if (cloudWatch != null) {
      cloudWatch.close();
    }
  }

  @Test
  void throttles_equalThe429sTheLocalLambdaAnswered() {
    String function = lab.stack().loadTester().name();
    FunctionConfig original = lab.lambda().functionConfiguration(function);
    lab.lambda().updateFunctionConfiguration(original.toBuilder().reservedConcurrency(0).build());
    int refused = 0;
    try {
      for (int i = 0; i < 4; i++) {
        LocalLambdaException throttled =
            catchThrowableOfType(
                LocalLambdaException.class,
                () -> lab.lambda().invoke(InvokeRequest.of(function, "{}")));
        if (throttled != null && throttled.statusCode() == 429) {
          refused++;
        }
      }
    } finally {
      lab.lambda().updateFunctionConfiguration(original);
    }

    assertThat(refused).isEqualTo(4);
    assertThat(sum("AWS/Lambda", "Throttles", dimension("FunctionName", function))).isEqualTo(4.0);
  }

  @Test
  void stageRequests_areCountedUnderApiNameAndStage_withTheCacheHits() throws Exception {
    URI url =
        URI.create(
            lab.api().invokeUrl() + "/performance?operation=cpu_intensive" + "&iterations=100");
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(url)
                  .header("x-api-key", lab.apiKey())
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    Dimension api = dimension("ApiName", lab.stack().api().name());
    Dimension stage = dimension("Stage", lab.stack().api().stageName());
    assertThat(sum("AWS/ApiGateway", "Count", api, stage)).isEqualTo(3.0);
    assertThat(sum("AWS/ApiGateway", "CacheMissCount", api, stage)).isEqualTo(1.0);
    assertThat(sum("AWS/ApiGateway", "CacheHitCount", api, stage)).isEqualTo(2.0);
  }

  @Test
  void sentMessages_areCountedUnderTheQueueName() {
    lab.sqs()
        .client()
        .sendMessageBatch(
            request ->
                request
                    .queueUrl(lab.queues().queueUrl())
                    .entries(
                        List.of(
                            SendMessageBatchRequestEntry.builder()
                                .id("a")
                                .messageBody("{\"id\": \"a\"}")
                                .build(),
                            SendMessageBatchRequestEntry.builder()
                                .id("b")
                                .messageBody("{\"id\": \"b\"}")
                                .build(),
                            SendMessageBatchRequestEntry.builder()
                                .id("c")
                                .messageBody("{\"id\": \"c\"}")
                                .build())));

    assertThat(
            sum(
                "AWS/SQS",
                "NumberOfMessagesSent",
                dimension("QueueName", lab.stack().queue().name())))
        .isEqualTo(3.0);
  }

  private static double sum(String namespace, String metric, Dimension... dimensions) {
    Instant now = Instant.now();
    List<Datapoint> datapoints =
        client
            .getMetricStatistics(
                request ->
                    request
                        .namespace(namespace)
                        .metricName(metric)
                        .dimensions(dimensions)
                        .startTime(now.minus(Duration.ofMinutes(10)))
                        .endTime(now.plus(Duration.ofMinutes(1)))
                        .period(660)
                        .statistics(Statistic.SUM))
            .datapoints();
    return datapoints.stream().mapToDouble(Datapoint::sum).sum();
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }
}
