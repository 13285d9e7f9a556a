package dev.perfkit.local.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Lambda's scaling of an SQS event source in standard mode, as documented in "Configuring scaling
 * behavior for SQS event source mappings" (services-sqs-scaling): five concurrent batches to start,
 * then up to 300 more a minute while messages wait, at most the maximum concurrency. The scaler is
 * driven by the ticker readings it is given: a minute passes in one call.
 */
class PollerScalerTest {

  private static final int BATCH = 10;
  private static final long BIG_BACKLOG = 1_000_000;
  private static final int MAXIMUM = 1000;

  private static long at(Duration elapsed) {
    return elapsed.toNanos();
  }

  @Test
  void decide_atTheStart_runsFiveConcurrentBatches() {
    PollerScaler scaler = new PollerScaler(ScalingRamp.LAMBDA, BATCH, 0);

    assertThat(scaler.decide(at(Duration.ZERO), BIG_BACKLOG, 5, MAXIMUM, 0)).isEqualTo(5);
  }

  @Test
  void decide_backlogWaiting_addsUpTo300AMinute() {
    PollerScaler scaler = new PollerScaler(ScalingRamp.LAMBDA, BATCH, 0);

    int afterTenSeconds = scaler.decide(at(Duration.ofSeconds(10)), BIG_BACKLOG, 5, MAXIMUM, 0);
    int afterOneMinute =
        scaler.decide(at(Duration.ofMinutes(1)), BIG_BACKLOG, afterTenSeconds, MAXIMUM, 0);
    int afterTwoMinutes =
        scaler.decide(at(Duration.ofMinutes(2)), BIG_BACKLOG, afterOneMinute, MAXIMUM, 0);

    assertThat(afterTenSeconds).isEqualTo(55);
    assertThat(afterOneMinute).isEqualTo(305);
    assertThat(afterTwoMinutes).isEqualTo(605);
  }

  @Test
  void decide_neverExceedsTheCeiling_theMaximumConcurrencyOrReservedConcurrency() {
    PollerScaler scaler = new PollerScaler(ScalingRamp.LAMBDA, BATCH, 0);

    assertThat(scaler.decide(at(Duration.ofMinutes(10)), BIG_BACKLOG, 5, 100, 0)).isEqualTo(100);
    assertThat(scaler.allowed()).isEqualTo(100);
  }

  @Test
  void decide_ceilingBelowFive_startsAtTheCeiling() {
    PollerScaler scaler = new PollerScaler(ScalingRamp.LAMBDA, BATCH, 0);

    assertThat(scaler.floor(3)).isEqualTo(3);
    assertThat(scaler.decide(at(Duration.ZERO), BIG_BACKLOG, 3, 3, 0)).isEqualTo(3);
  }

  @Test
  void floor_ceilingZero_keepsOnePollerSoThatThrottlesAreSeen() {
    assertThat(new PollerScaler(ScalingRamp.LAMBDA, BATCH, 0).floor(0)).isEqualTo(1);
  }

  @Test
  void decide_smallBacklog_addsNoMorePollersThanItsBatches() {
    PollerScaler scaler = new PollerScaler(ScalingRamp.LAMBDA, BATCH, 0);

    int first = scaler.decide(at(Duration.ofMinutes(1)), 75, 5, MAXIMUM, 0);
    int second = scaler.decide(at(Duration.ofMinutes(2)), 75, 8, MAXIMUM, 0);

    assertThat(first).isEqualTo(8);
    assertThat(second).isEqualTo(8);
    assertThat(scaler.allowed())
        .as("the ramp grows only while the backlog holds more batches than it allows")
        .isEqualTo(8);
  }

  @Test
  void decide_failedInvocations_holdTheRamp() {
    PollerScaler scaler = new PollerScaler(ScalingRamp.LAMBDA, BATCH, 0);

    int failing = scaler.decide(at(Duration.ofMinutes(1)), BIG_BACKLOG, 5, MAXIMUM, 3);
    int recovered = scaler.decide(at(Duration.ofMinutes(2)), BIG_BACKLOG, 5, MAXIMUM, 3);

    assertThat(failing).isEqualTo(5);
    assertThat(recovered).isEqualTo(305);
  }

  @Test
  void decide_idleQueue_scalesBackToFive_andRampsAgainFromThere() {
    PollerScaler scaler = new PollerScaler(ScalingRamp.LAMBDA, BATCH, 0);
    scaler.decide(at(Duration.ofMinutes(1)), BIG_BACKLOG, 5, MAXIMUM, 0);

    int idle = scaler.decide(at(Duration.ofMinutes(2)), 0, 5, MAXIMUM, 0);
    int burst = scaler.decide(at(Duration.ofMinutes(2).plusSeconds(6)), BIG_BACKLOG, 5, MAXIMUM, 0);

    assertThat(idle).isEqualTo(5);
    assertThat(burst).isEqualTo(35);
  }

  @Test
  void decide_scaledRamp_reachesTheScaledMaximumAsFastAsLambdaReachesItsOwn() {
    // Lambda: 5 + 300/min reaches 100 in 19 s; a fifth of it: 1 + 60/min reaches 20 in 19 s.
    PollerScaler lambda = new PollerScaler(ScalingRamp.LAMBDA, BATCH, 0);
    PollerScaler fifth = new PollerScaler(new ScalingRamp(1, 60), BATCH, 0);
    long nineteenSeconds = at(Duration.ofSeconds(19));

    assertThat(lambda.decide(nineteenSeconds, BIG_BACKLOG, 5, 100, 0)).isEqualTo(100);
    assertThat(fifth.decide(nineteenSeconds, BIG_BACKLOG, 1, 20, 0)).isEqualTo(20);
  }

  @Test
  void scalingRamp_outOfRange_namesTheField() {
    assertThatThrownBy(() -> new ScalingRamp(0, 300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("initialConcurrency must be 1 to 1000, was 0");
    assertThatThrownBy(() -> new ScalingRamp(5, 1001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("addedPerMinute must be 1 to 1000, was 1001");
  }
}
