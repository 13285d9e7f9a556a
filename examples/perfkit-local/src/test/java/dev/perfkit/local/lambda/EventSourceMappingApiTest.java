package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.probe;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.local.sqs.LocalSqs;
import dev.perfkit.local.sqs.SqsEventSources;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourceMappingConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionResponseType;
import software.amazon.awssdk.services.lambda.model.GetEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Event source mappings from SQS created through the SDK's LambdaClient (Lambda API reference:
 * Create/Get/List/Update/DeleteEventSourceMapping), polling ElasticMQ into real environments.
 */
class EventSourceMappingApiTest {

  private static LocalSqs sqs;
  private static LocalLambda lambda;
  private static LambdaClient client;

  @BeforeAll
  static void start() throws IOException {
    sqs = LocalSqs.builder().build();
    lambda =
        LocalLambda.builder()
            .initTimeout(Duration.ofSeconds(30))
            .eventSources(SqsEventSources.of(sqs))
            .build();
    client = TestSupport.client(lambda.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    lambda.close();
    sqs.close();
  }

  private static String queue(String name) {
    return TestSupport.createQueue(sqs, name);
  }

  private static String queueUrl(String name) {
    return sqs.client().getQueueUrl(request -> request.queueName(name)).queueUrl();
  }

  private static long messagesIn(String name) {
    Map<QueueAttributeName, String> attributes =
        sqs.client()
            .getQueueAttributes(
                request ->
                    request
                        .queueUrl(queueUrl(name))
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return attributes.values().stream().mapToLong(Long::parseLong).sum();
  }

  @Test
  void createEventSourceMapping_sqsQueue_answersCreatingAndItsFunctionConsumesTheMessages() {
    String arn = queue("consumed");
    lambda.deploy(probe("consumer").build());
    for (int i = 0; i < 5; i++) {
      int number = i;
      sqs.client()
          .sendMessage(request -> request.queueUrl(queueUrl("consumed")).messageBody("m" + number));
    }

    CreateEventSourceMappingResponse created =
        client.createEventSourceMapping(
            request -> request.eventSourceArn(arn).functionName("consumer").batchSize(5));

    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(202);
    assertThat(created.state()).isEqualTo("Creating");
    assertThat(created.uuid()).isNotBlank();
    assertThat(eventually(Duration.ofSeconds(60), () -> messagesIn("consumed") == 0))
        .as("the function consumed every message")
        .isTrue();
    assertThat(
            client
                .getEventSourceMapping(request -> request.uuid(created.uuid()))
                .lastProcessingResult())
        .isEqualTo("OK");
  }

  @Test
  void getEventSourceMapping_afterCreate_isEnabledWithItsSettings() {
    String arn = queue("described-queue");
    lambda.deploy(probe("described-consumer").build());
    String uuid =
        client
            .createEventSourceMapping(
                request ->
                    request
                        .eventSourceArn(arn)
                        .functionName("described-consumer")
                        .batchSize(50)
                        .maximumBatchingWindowInSeconds(2)
                        .functionResponseTypes(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES)
                        .scalingConfig(scaling -> scaling.maximumConcurrency(3)))
            .uuid();

    GetEventSourceMappingResponse mapping =
        client.getEventSourceMapping(request -> request.uuid(uuid));

    assertThat(mapping.state()).isEqualTo("Enabled");
    assertThat(mapping.eventSourceArn()).isEqualTo(arn);
    assertThat(mapping.functionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:described-consumer");
    assertThat(mapping.batchSize()).isEqualTo(50);
    assertThat(mapping.maximumBatchingWindowInSeconds()).isEqualTo(2);
    assertThat(mapping.functionResponseTypes())
        .containsExactly(FunctionResponseType.REPORT_BATCH_ITEM_FAILURES);
    assertThat(mapping.scalingConfig().maximumConcurrency()).isEqualTo(3);
    assertThat(mapping.lastModified()).isNotNull();
  }

  @Test
  void updateEventSourceMapping_disabled_answersUpdatingThenIsDisabled() {
    String arn = queue("paused-queue");
    lambda.deploy(probe("paused-consumer").build());
    String uuid =
        client
            .createEventSourceMapping(
                request -> request.eventSourceArn(arn).functionName("paused-consumer"))
            .uuid();

    String answered =
        client
            .updateEventSourceMapping(request -> request.uuid(uuid).enabled(false).batchSize(7))
            .state();

    assertThat(answered).isEqualTo("Updating");
    assertThat(
            eventually(
                Duration.ofSeconds(30),
                () ->
                    client
                        .getEventSourceMapping(request -> request.uuid(uuid))
                        .state()
                        .equals("Disabled")))
        .isTrue();
    assertThat(client.getEventSourceMapping(request -> request.uuid(uuid)).batchSize())
        .isEqualTo(7);
  }

  @Test
  void deleteEventSourceMapping_answersDeletingThenIsGone() {
    String arn = queue("deleted-queue");
    lambda.deploy(probe("deleted-consumer").build());
    String uuid =
        client
            .createEventSourceMapping(
                request -> request.eventSourceArn(arn).functionName("deleted-consumer"))
            .uuid();

    String answered = client.deleteEventSourceMapping(request -> request.uuid(uuid)).state();

    assertThat(answered).isEqualTo("Deleting");
    assertThat(
            eventually(
                Duration.ofSeconds(30),
                () -> {
                  try {
                    client.getEventSourceMapping(request -> request.uuid(uuid));
                    return false;
                  } catch (ResourceNotFoundException e) {
                    return true;
                  }
                }))
        .isTrue();
  }

  @Test
  void listEventSourceMappings_byFunction_answersItsMappingsOnly() {
    String first = queue("listed-a");
    String second = queue("listed-b");
    lambda.deploy(probe("listed-consumer").build());
    lambda.deploy(probe("other-consumer").build());
    client.createEventSourceMapping(
        request -> request.eventSourceArn(first).functionName("listed-consumer"));
    client.createEventSourceMapping(
        request -> request.eventSourceArn(second).functionName("other-consumer"));

    List<String> sources =
        client
            .listEventSourceMappings(request -> request.functionName("listed-consumer"))
            .eventSourceMappings()
            .stream()
            .map(EventSourceMappingConfiguration::eventSourceArn)
            .toList();

    assertThat(sources).containsExactly(first);
  }

  @Test
  void createEventSourceMapping_missingQueue_isRefusedNamingIt() {
    lambda.deploy(probe("orphan-consumer").build());

    assertThatThrownBy(
            () ->
                client.createEventSourceMapping(
                    request ->
                        request
                            .eventSourceArn("arn:aws:sqs:us-east-1:000000000000:no-such-queue")
                            .functionName("orphan-consumer")))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.getMessage()).contains("NonExistentQueue", "no-such-queue"));
  }

  @Test
  void createEventSourceMapping_batchAboveTenWithoutWindow_isRefusedAsLambdaDoes() {
    String arn = queue("big-batch");
    lambda.deploy(probe("big-batch-consumer").build());

    assertThatThrownBy(
            () ->
                client.createEventSourceMapping(
                    request ->
                        request
                            .eventSourceArn(arn)
                            .functionName("big-batch-consumer")
                            .batchSize(100)))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.getMessage()).contains("Maximum batch window in seconds"));
  }

  @Test
  void createEventSourceMapping_withoutEventSources_isRefusedSayingSo() throws IOException {
    try (LocalLambda bare = LocalLambda.builder().build();
        LambdaClient bareClient = TestSupport.client(bare.endpoint())) {
      bare.deploy(probe("bare").build());

      assertThatThrownBy(
              () ->
                  bareClient.createEventSourceMapping(
                      request ->
                          request
                              .eventSourceArn("arn:aws:sqs:us-east-1:000000000000:queue")
                              .functionName("bare")))
          .isInstanceOfSatisfying(
              InvalidParameterValueException.class,
              e -> assertThat(e.getMessage()).contains("has no event sources"));
    }
  }
}
