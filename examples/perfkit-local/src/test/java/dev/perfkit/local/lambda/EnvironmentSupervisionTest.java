package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.exits;
import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
 * An execution environment whose JVM is killed from outside (kill -9) while idle: the local Lambda
 * notices and logs it, and the next invocation runs in a new environment, as on Lambda, where an
 * environment that fails is replaced ("Lambda execution environment", Developer Guide).
 */
class EnvironmentSupervisionTest {

  private static LocalLambda lambda;
  private static LambdaClient client;

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

  private static void killHard(long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).as("kill -9 %d", pid).isZero();
  }

  @Test
  void environmentKilledWhileIdle_nextInvocationRunsInANewEnvironment() throws Exception {
    lambda.deploy(probe("killed-idle").build());
    long killed = invoke("killed-idle").get("pid").asLong();

    killHard(killed);
    JsonNode next = invoke("killed-idle");

    assertThat(next.get("pid").asLong()).isNotEqualTo(killed);
    assertThat(next.get("cold_start").asBoolean()).isTrue();
  }

  @Test
  void environmentKilledWhileIdle_isLoggedWithItsExit() throws Exception {
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
      lambda.deploy(probe("killed-logged").build());
      long killed = invoke("killed-logged").get("pid").asLong();

      killHard(killed);

      assertThat(exits(killed, Duration.ofSeconds(10))).isTrue();
      assertThat(
              eventually(
                  Duration.ofSeconds(10),
                  () ->
                      logged.stream()
                          .anyMatch(
                              line ->
                                  line.contains("killed-logged")
                                      && line.contains(Long.toString(killed))
                                      && line.contains("signal: killed"))))
          .as("logged: %s", logged)
          .isTrue();
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void outOfMemoryError_nextInvocationSucceeds() {
    lambda.deploy(probe("out-of-memory").memoryMb(128).build());
    long first = invoke("out-of-memory").get("pid").asLong();
    InvokeResponse failed =
        client.invoke(
            request ->
                request
                    .functionName("out-of-memory")
                    .payload(SdkBytes.fromUtf8String("{\"outOfMemory\": true}")));
    assertThat(failed.functionError()).isEqualTo("Unhandled");

    JsonNode next = invoke("out-of-memory");

    assertThat(next.get("pid").asLong()).as("after an OutOfMemoryError in %d", first).isPositive();
  }
}
