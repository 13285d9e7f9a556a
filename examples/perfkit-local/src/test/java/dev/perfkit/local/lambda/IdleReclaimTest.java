package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.exits;
import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Idle environments are reclaimed: an on-demand environment idle for the idle timeout is stopped
 * and the next invocation is a cold start, as on Lambda, which keeps an environment "for some time"
 * after an invocation ("Lambda execution environment", Developer Guide); provisioned environments
 * stay initialized.
 */
class IdleReclaimTest {

  private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration EXIT_BOUND = Duration.ofSeconds(20);

  private static LocalLambda lambda;
  private static LambdaClient client;

  @BeforeAll
  static void start() throws IOException {
    lambda =
        LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).idleTimeout(IDLE_TIMEOUT).build();
    client = TestSupport.client(lambda.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    lambda.close();
  }

  private static JsonNode invoke(String function, Optional<String> qualifier) {
    InvokeResponse response =
        client.invoke(
            request ->
                request
                    .functionName(function)
                    .qualifier(qualifier.orElse(null))
                    .payload(SdkBytes.fromUtf8String("{}")));
    assertThat(response.functionError()).as(response.payload().asUtf8String()).isNull();
    return json(response.payload().asUtf8String());
  }

  @Test
  void onDemandEnvironment_idleForTheIdleTimeout_isStopped() {
    lambda.deploy(probe("idle-stopped").build());
    long pid = invoke("idle-stopped", Optional.empty()).get("pid").asLong();

    assertThat(exits(pid, EXIT_BOUND)).as("environment JVM %d stopped", pid).isTrue();
  }

  @Test
  void reclaimedEnvironment_nextInvocationIsAColdStartInANewOne() {
    lambda.deploy(probe("idle-cold").build());
    long reclaimed = invoke("idle-cold", Optional.empty()).get("pid").asLong();
    assertThat(exits(reclaimed, EXIT_BOUND)).isTrue();

    JsonNode next = invoke("idle-cold", Optional.empty());

    assertThat(next.get("pid").asLong()).isNotEqualTo(reclaimed);
    assertThat(next.get("cold_start").asBoolean()).isTrue();
  }

  @Test
  void provisionedEnvironment_idlePastTheIdleTimeout_staysInitialized() {
    lambda.deploy(probe("idle-provisioned").alias("prod", 1).build());
    long provisioned = invoke("idle-provisioned", Optional.of("prod")).get("pid").asLong();
    lambda.deploy(probe("idle-witness").build());
    long witness = invoke("idle-witness", Optional.empty()).get("pid").asLong();

    // The witness went idle after the provisioned environment: once it is reclaimed, the idle
    // timeout has passed for both.
    assertThat(exits(witness, EXIT_BOUND)).isTrue();

    assertThat(ProcessHandle.of(provisioned).map(ProcessHandle::isAlive)).contains(true);
    assertThat(invoke("idle-provisioned", Optional.of("prod")).get("pid").asLong())
        .isEqualTo(provisioned);
  }
}
