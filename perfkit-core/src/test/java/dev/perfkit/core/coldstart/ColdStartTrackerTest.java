package dev.perfkit.core.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.core.Environment;
import dev.perfkit.core.testing.AllAtOnce;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColdStartTrackerTest {

  private static final Instant JVM_START = Instant.parse("2025-06-01T10:00:00Z");
  private static final Clock FIRST_CALL = Clock.fixed(JVM_START.plusMillis(850), ZoneOffset.UTC);

  private static ColdStartTracker tracker(Map<String, String> variables) {
    return ColdStartTracker.create(Environment.of(variables), FIRST_CALL, JVM_START);
  }

  private static ColdStartTracker tracker(String initializationType) {
    return tracker(Map.of(ColdStartTracker.INITIALIZATION_TYPE_VARIABLE, initializationType));
  }

  @Test
  void create_withoutJvmStart_measuresInitFromThisJvmsStart() {
    ColdStartTracker tracker = ColdStartTracker.create(Environment.of(Map.of()), Clock.systemUTC());

    InvocationStart start = tracker.onInvocation();

    assertThat(start.kind()).isEqualTo(StartKind.COLD);
    assertThat(start.initDuration()).isPositive();
  }

  @Test
  void onInvocation_onDemand_firstIsColdWithTheTimeSinceJvmStart() {
    InvocationStart start = tracker("on-demand").onInvocation();

    assertThat(start.kind()).isEqualTo(StartKind.COLD);
    assertThat(start.isColdStart()).isTrue();
    assertThat(start.initDuration()).isEqualTo(Duration.ofMillis(850));
    assertThat(start.initializationType()).isEqualTo("on-demand");
  }

  @Test
  void onInvocation_withoutInitializationType_treatsTheEnvironmentAsOnDemand() {
    ColdStartTracker tracker = tracker(Map.of());

    assertThat(tracker.onInvocation().kind()).isEqualTo(StartKind.COLD);
    assertThat(tracker.initializationType()).isEqualTo("on-demand");
  }

  @Test
  void onInvocation_provisionedConcurrency_firstIsNotAColdStart() {
    InvocationStart start = tracker("provisioned-concurrency").onInvocation();

    assertThat(start.kind()).isEqualTo(StartKind.PROVISIONED_CONCURRENCY);
    assertThat(start.isColdStart()).isFalse();
    assertThat(start.isFirstInvocation()).isTrue();
    assertThat(start.initDuration()).isZero();
    assertThat(start.initializationType()).isEqualTo("provisioned-concurrency");
  }

  @Test
  void onInvocation_snapStartVariable_firstIsARestore() {
    InvocationStart start = tracker("snap-start").onInvocation();

    assertThat(start.kind()).isEqualTo(StartKind.SNAPSTART_RESTORE);
    assertThat(start.isColdStart()).isFalse();
    assertThat(start.initDuration()).isZero();
  }

  @Test
  void onInvocation_afterTheFirst_isWarm() {
    ColdStartTracker tracker = tracker("on-demand");
    tracker.onInvocation();

    InvocationStart second = tracker.onInvocation();
    InvocationStart third = tracker.onInvocation();

    assertThat(second.kind()).isEqualTo(StartKind.WARM);
    assertThat(second.isColdStart()).isFalse();
    assertThat(second.isFirstInvocation()).isFalse();
    assertThat(second.initDuration()).isZero();
    assertThat(third.kind()).isEqualTo(StartKind.WARM);
  }

  @Test
  void onInvocation_afterTheCracRestoreHook_isARestoreThenWarm() throws Exception {
    ColdStartTracker tracker = tracker(Map.of());
    tracker.restoreHook().beforeCheckpoint(null);
    tracker.restoreHook().afterRestore(null);

    assertThat(tracker.onInvocation().kind()).isEqualTo(StartKind.SNAPSTART_RESTORE);
    assertThat(tracker.onInvocation().kind()).isEqualTo(StartKind.WARM);
  }

  @Test
  void onInvocation_afterARestoreOfAWarmEnvironment_isARestoreAgain() throws Exception {
    ColdStartTracker tracker = tracker("on-demand");
    assertThat(tracker.onInvocation().kind()).isEqualTo(StartKind.COLD);
    assertThat(tracker.onInvocation().kind()).isEqualTo(StartKind.WARM);

    tracker.restoreHook().afterRestore(null);

    assertThat(tracker.onInvocation().kind()).isEqualTo(StartKind.SNAPSTART_RESTORE);
  }

  @Test
  void onInvocation_fromSixteenThreadsAtOnce_reportsExactlyOneFirst() throws Exception {
    int threads = 16;
    for (int round = 0; round < 20; round++) {
      ColdStartTracker tracker = tracker("on-demand");

      List<StartKind> kinds =
          AllAtOnce.run(threads, thread -> tracker.onInvocation()).stream()
              .map(InvocationStart::kind)
              .toList();

      assertThat(kinds).filteredOn(kind -> kind == StartKind.COLD).hasSize(1);
      assertThat(kinds).filteredOn(kind -> kind == StartKind.WARM).hasSize(threads - 1);
    }
  }

  @Test
  void onInvocation_clockBeforeJvmStart_reportsZeroInitDuration() {
    ColdStartTracker tracker =
        ColdStartTracker.create(
            Environment.of(Map.of()),
            Clock.fixed(JVM_START.minusSeconds(1), ZoneOffset.UTC),
            JVM_START);

    assertThat(tracker.onInvocation().initDuration()).isZero();
  }

  @Test
  void shared_returnsOneTrackerForTheExecutionEnvironment() {
    assertThat(ColdStartTracker.shared()).isSameAs(ColdStartTracker.shared());
  }

  @Test
  void create_rejectsNullsNamingTheArgument() {
    Environment environment = Environment.of(Map.of());
    Clock clock = Clock.systemUTC();

    assertThatThrownBy(() -> ColdStartTracker.create(null, clock, JVM_START))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("environment");
    assertThatThrownBy(() -> ColdStartTracker.create(environment, null, JVM_START))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("clock");
    assertThatThrownBy(() -> ColdStartTracker.create(environment, clock, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("jvmStart");
  }
}
