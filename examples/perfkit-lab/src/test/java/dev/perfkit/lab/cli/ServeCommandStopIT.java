package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * {@code perfkit-lab serve} stopped by SIGTERM (to its pid) and started again with the same state
 * directory: the queues and their messages are there again, kept by ElasticMQ's own persistence;
 * the stop says how many it kept and lost; {@code --clean} starts without them.
 */
class ServeCommandStopIT {

  private static final int MESSAGES = 200;
  private static final String QUEUE = "stoptest-kept";
  private static final Duration EXIT_BOUND = Duration.ofSeconds(60);

  @TempDir Path state;

  private ServeProcess serve(String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--username",
                "stoptest",
                "--scale",
                "0.1",
                "--no-dynamodb",
                "--state-dir",
                state.toString()));
    args.addAll(List.of(extra));
    return ServeProcess.start(args.toArray(String[]::new));
  }

  private static SqsClient sqs(ServeProcess serve) {
    return SqsClient.builder()
        .endpointOverride(URI.create(serve.line("SQS ").split("\\s+")[1]))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }

  /** Creates a queue of the test's own (no mapping reads it) and sends the messages to it. */
  private static void sendAll(ServeProcess serve) {
    try (SqsClient client = sqs(serve)) {
      String url = client.createQueue(request -> request.queueName(QUEUE)).queueUrl();
      for (int batch = 0; batch < MESSAGES / 10; batch++) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
          String id = Integer.toString(batch * 10 + i);
          entries.add(SendMessageBatchRequestEntry.builder().id(id).messageBody("m" + id).build());
        }
        client.sendMessageBatch(request -> request.queueUrl(url).entries(entries));
      }
    }
  }

  /** SIGTERM to serve's pid, and a bounded wait until it has exited and said all it had to. */
  private static void terminate(ServeProcess serve) throws Exception {
    serve.process().toHandle().destroy();
    assertThat(serve.process().waitFor(EXIT_BOUND.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(serve.awaitOutputEnd(EXIT_BOUND)).isTrue();
  }

  @Test
  void terminated_nextStartDeliversTheMessagesQueuedBefore() throws Exception {
    try (ServeProcess first = serve()) {
      sendAll(first);
      terminate(first);
    }

    try (ServeProcess again = serve();
        SqsClient client = sqs(again)) {
      String url = client.getQueueUrl(request -> request.queueName(QUEUE)).queueUrl();
      Set<String> bodies = new HashSet<>();
      for (int receive = 0; receive < 200 && bodies.size() < MESSAGES; receive++) {
        for (Message message :
            client
                .receiveMessage(
                    request -> request.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages()) {
          bodies.add(message.body());
        }
      }
      assertThat(bodies).as("serve printed:%n%s", again.output()).hasSize(MESSAGES);
    }
  }

  @Test
  void terminated_printsTheMessagesKeptAndLost() throws Exception {
    try (ServeProcess serve = serve()) {
      sendAll(serve);
      terminate(serve);

      assertThat(serve.output())
          .contains(
              "SQS: "
                  + MESSAGES
                  + " messages in the queues at the stop, "
                  + MESSAGES
                  + " kept in "
                  + state.toAbsolutePath().resolve("sqs")
                  + ", 0 lost");
    }
  }

  @Test
  void clean_startsWithoutTheQueuesOfTheLastStop() throws Exception {
    try (ServeProcess first = serve()) {
      sendAll(first);
      terminate(first);
    }

    try (ServeProcess clean = serve("--clean");
        SqsClient client = sqs(clean)) {
      assertThatThrownBy(() -> client.getQueueUrl(request -> request.queueName(QUEUE)))
          .isInstanceOf(QueueDoesNotExistException.class);
    }
  }
}
