package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.probe;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** A stop of the local Lambda takes no more work and lets the invocations in progress finish. */
class LocalLambdaDrainTest {

  @Test
  void close_letsAnInvocationInProgressFinish() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HttpServer gate = TestSupport.gate(arrived, release);
    ExecutorService background = Executors.newCachedThreadPool();
    LocalLambda lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    try (LambdaClient client = TestSupport.client(lambda.endpoint())) {
      lambda.deploy(probe("draining").build());
      String payload = "{\"gate\":\"http://127.0.0.1:" + gate.getAddress().getPort() + "/gate\"}";
      Future<InvokeResponse> call =
          background.submit(
              () ->
                  client.invoke(
                      request ->
                          request
                              .functionName("draining")
                              .payload(SdkBytes.fromUtf8String(payload))));
      assertThat(arrived.await(60, TimeUnit.SECONDS)).as("the invocation runs").isTrue();

      Future<?> closing = background.submit(lambda::close);
      assertThat(eventually(Duration.ofSeconds(10), () -> refuses(lambda.endpoint())))
          .as("the Invoke API stopped taking connections")
          .isTrue();
      release.countDown();

      InvokeResponse response = call.get(60, TimeUnit.SECONDS);
      assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
      closing.get(60, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      lambda.close();
      background.shutdownNow();
      gate.stop(0);
    }
  }

  private static boolean refuses(URI endpoint) {
    try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}
