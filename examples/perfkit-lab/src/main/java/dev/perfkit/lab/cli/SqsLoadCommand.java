package dev.perfkit.lab.cli;

import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.local.sqs.SqsLoadGenerator;
import dev.perfkit.local.sqs.SqsLoadReport;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@code perfkit-lab sqs-load N}: the lab's generate_sqs_load.sh, with SendMessageBatch. */
@Command(
    name = "sqs-load",
    mixinStandardHelpOptions = true,
    description = {
      "Send N messages to the lab's queue as its Task 5 script does ({\"id\": \"msg-N\", "
          + "\"timestamp\": ..., \"data\": ...}), 10 per SendMessageBatch call, several calls in "
          + "parallel; --poison K of them not JSON, for the dead-letter queue.",
      "To the local lab (--endpoint-url, its SQS endpoint as perfkit-lab serve prints it) or "
          + "AWS (--region). The queue is USER-high-throughput-queue unless --queue-url names one."
    })
final class SqsLoadCommand implements Callable<Integer> {

  private static final String ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_SQS";

  @Spec CommandSpec spec;

  @Mixin UsernameOption user;

  @Mixin ServiceEndpoint endpoint;

  @Parameters(index = "0", paramLabel = "N", description = "How many messages to send.")
  int messages;

  @Option(
      names = "--queue-url",
      paramLabel = "URL",
      description = "The queue (default: USER-high-throughput-queue's URL, from GetQueueUrl).")
  String queueUrl;

  @Option(
      names = "--poison",
      paramLabel = "K",
      defaultValue = "0",
      description = "How many of the messages are poison, not JSON (default: ${DEFAULT-VALUE}).")
  int poison;

  @Option(
      names = "--parallelism",
      paramLabel = "P",
      defaultValue = "4",
      description = "SendMessageBatch calls in flight at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Override
  public Integer call() {
    if (messages < 1 || messages > SqsLoadGenerator.MAX_MESSAGES) {
      throw new IllegalArgumentException(
          "N must be 1 to " + SqsLoadGenerator.MAX_MESSAGES + ", was " + messages);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SqsLoadReport report;
    String queue;
    try (ClientRegistry clients =
        ClientRegistry.builder(endpoint.clients(ENDPOINT_VARIABLE)).build()) {
      SqsClient sqs = clients.client(SqsClient.class);
      queue =
          queueUrl != null
              ? queueUrl
              : sqs.getQueueUrl(
                      request ->
                          request.queueName(LabStack.builder(user.username).build().queue().name()))
                  .queueUrl();
      report =
          SqsLoadGenerator.builder(sqs, queue)
              .parallelism(parallelism)
              .poisonMessages(poison)
              .build()
              .send(messages);
    } catch (SdkException e) {
      err.println(
          "perfkit-lab sqs-load: SQS at "
              + endpoint.describe(ENDPOINT_VARIABLE)
              + " failed: "
              + e.getMessage());
      return 1;
    }
    out.printf(
        Locale.ROOT,
        "sent %d messages to %s in %.1f s (%.0f messages/s)%s%n",
        report.messagesSent(),
        queue,
        report.calls().totalTestTimeMs() / 1000,
        report.messagesPerSecond(),
        report.poisonNumbers().isEmpty()
            ? ""
            : "; poison: " + report.poisonNumbers().stream().map(n -> "msg-" + n).toList());
    if (report.messagesFailed() > 0) {
      err.println(
          "perfkit-lab sqs-load: "
              + report.messagesFailed()
              + " messages not sent: "
              + report.calls().errors());
      return 1;
    }
    out.flush();
    return 0;
  }
}
