package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * An environment's Runtime API serves that environment's JVM only: this test's JVM, another local
 * process that read {@code AWS_LAMBDA_RUNTIME_API}, gets 403 and takes no invocation, as on Lambda
 * where the Runtime API is reachable from inside the execution environment alone.
 */
class RuntimeApiIsolationTest {

  private static final Duration BOUND = Duration.ofSeconds(10);

  private static LocalLambda lambda;
  private static LambdaClient client;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(BOUND).build();

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

  private static JsonNode invoke(String function) {
    InvokeResponse response =
        client.invoke(
            request -> request.functionName(function).payload(SdkBytes.fromUtf8String("{}")));
    assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
    return json(response.payload().asUtf8String());
  }

  private static HttpResponse<String> call(String runtimeApi, String method, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://" + runtimeApi + "/2018-06-01/runtime/" + path))
            .timeout(BOUND)
            .method(method, HttpRequest.BodyPublishers.ofString(method.equals("GET") ? "" : "{}"))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void foreignPoller_nextInvocation_isForbidden() throws Exception {
    lambda.deploy(probe("isolated-next").build());
    String runtimeApi = invoke("isolated-next").get("runtime_api").asText();

    HttpResponse<String> polled = call(runtimeApi, "GET", "invocation/next");

    assertThat(polled.statusCode()).isEqualTo(403);
    assertThat(json(polled.body()).get("errorType").asText()).isEqualTo("Forbidden");
  }

  @Test
  void foreignPoller_pollingBetweenInvocations_takesNoneOfThem() throws Exception {
    lambda.deploy(probe("isolated-raced").build());
    JsonNode first = invoke("isolated-raced");
    String runtimeApi = first.get("runtime_api").asText();

    for (int i = 0; i < 8; i++) {
      assertThat(call(runtimeApi, "GET", "invocation/next").statusCode()).isEqualTo(403);
      JsonNode answer = invoke("isolated-raced");

      assertThat(answer.get("pid").asLong()).isEqualTo(first.get("pid").asLong());
      assertThat(answer.get("invocation").asInt()).isEqualTo(i + 2);
    }
  }

  @Test
  void foreignCaller_postingAResult_isForbidden() throws Exception {
    lambda.deploy(probe("isolated-post").build());
    JsonNode answer = invoke("isolated-post");
    String path = "invocation/" + answer.get("request_id").asText() + "/response";

    HttpResponse<String> posted = call(answer.get("runtime_api").asText(), "POST", path);

    assertThat(posted.statusCode()).isEqualTo(403);
  }

  @Test
  void foreignPoller_isLoggedWithThePortAndTheEnvironmentJvm() throws Exception {
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord entry) {
            logged.add(new java.util.logging.SimpleFormatter().formatMessage(entry));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger(LocalLambda.class.getName());
    logger.addHandler(handler);
    try {
      lambda.deploy(probe("isolated-logged").build());
      JsonNode answer = invoke("isolated-logged");

      call(answer.get("runtime_api").asText(), "GET", "invocation/next");

      assertThat(logged)
          .anyMatch(
              line ->
                  line.startsWith("Refused GET /2018-06-01/runtime/invocation/next from 127.0.0.1:")
                      && line.endsWith(
                          "environment JVM "
                              + answer.get("pid").asLong()
                              + " or a process it started"));
    } finally {
      logger.removeHandler(handler);
    }
  }
}
