package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.perfkit.local.sqs.LocalSqs;
import dev.perfkit.local.sqs.SqsEventSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Shared helpers of the local Lambda tests. */
public final class TestSupport {

  static final ObjectMapper JSON = new ObjectMapper();

  private TestSupport() {}

  /** Where the test handlers were compiled: the code of the test functions. */
  static List<Path> testCode() {
    try {
      return List.of(
          Path.of(ProbeHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A test function that answers what its environment looks like; code: the test classes. */
  public static FunctionConfig.Builder probe(String name) {
    return FunctionConfig.builder(
        name, ProbeHandler.class.getName() + "::handleRequest", testCode())
        .timeout(Duration.ofSeconds(30))
        .build()
        .toBuilder();
  }

  /** A client of the local Lambda at {@code endpoint} that never retries: each answer as sent. */
  static LambdaClient client(URI endpoint) {
    return LambdaClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("perfkit", "perfkit")))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /**
   * A local Lambda whose event source mappings poll {@code sqs}, with an account concurrency of
   * 1,000 so that reservations leave Lambda's 100 unreserved executions.
   */
  static LocalLambda lambdaPollingQueuesOf(LocalSqs sqs) throws IOException {
    return LocalLambda.builder()
        .concurrencyLimit(1000)
        .initTimeout(Duration.ofSeconds(30))
        .eventSources(SqsEventSources.of(sqs))
        .build();
  }

  /** Creates a queue on {@code sqs}; its ARN, for an event source mapping. */
  static String createQueue(LocalSqs sqs, String name) {
    String url = sqs.client().createQueue(request -> request.queueName(name)).queueUrl();
    return sqs.client()
        .getQueueAttributes(
            request -> request.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether any log stream under {@code directory} contains {@code text}. */
  static boolean logsContain(Path directory, String text) {
    return occurrencesInLogs(directory, text) > 0;
  }

  /** How many times {@code text} occurs in the log streams under {@code directory}. */
  static int occurrencesInLogs(Path directory, String text) {
    if (!Files.isDirectory(directory)) {
      return 0; // an asynchronous invocation's first environment may not have started yet
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .mapToInt(
              file -> {
                try {
                  String log = Files.readString(file);
                  int count = 0;
                  for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + 1)) {
                    count++;
                  }
                  return count;
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The execution-environment JVMs this JVM started and that are still alive. */
  static List<ProcessHandle> environmentJvms() {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .filter(
            process ->
                process.info().arguments().stream()
                    .flatMap(Stream::of)
                    .anyMatch(EnvironmentLauncher.class.getName()::equals))
        .toList();
  }

  /** Waits, bounded, for a process to be gone; true when it is. */
  static boolean exits(long pid, Duration bound) {
    return ProcessHandle.of(pid)
        .map(
            process -> {
              try {
                process.onExit().get(bound.toMillis(), TimeUnit.MILLISECONDS);
                return true;
              } catch (Exception e) {
                return !process.isAlive();
              }
            })
        .orElse(true);
  }

  /**
   * A server on loopback whose every request to {@code /gate} counts down {@code arrived} and waits
   * until {@code release}: a test function's handler (ProbeHandler's {@code gate}) blocks there.
   */
  static HttpServer gate(CountDownLatch arrived, CountDownLatch release) throws IOException {
    HttpServer gate =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    gate.setExecutor(Executors.newCachedThreadPool());
    gate.createContext(
        "/gate",
        exchange -> {
          try (exchange) {
            arrived.countDown();
            boolean released = release.await(60, TimeUnit.SECONDS);
            exchange.sendResponseHeaders(released ? 200 : 504, -1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    gate.start();
    return gate;
  }
}
