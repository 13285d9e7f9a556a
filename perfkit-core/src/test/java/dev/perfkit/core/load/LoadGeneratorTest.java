package dev.perfkit.core.load;

import static dev.perfkit.core.testing.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.perfkit.core.load.LoadReport.ErrorSample;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LoadGeneratorTest {

  private static final Duration STALL = Duration.ofMillis(200);

  @Test
  void run_oneInTenFails_countsFailuresAndKeepsFirstFiveErrors() {
    LoadReport report =
        generator(100, 8)
            .run(id -> id % 10 == 0 ? Outcome.failure("HTTP 500 for " + id) : Outcome.success());

    assertThat(report.totalRequests()).isEqualTo(100);
    assertThat(report.successfulRequests()).isEqualTo(90);
    assertThat(report.failedRequests()).isEqualTo(10);
    assertThat(report.throttledRequests()).isZero();
    assertThat(report.successRate()).isEqualTo(90.0);
    assertThat(report.truncated()).isFalse();
    assertThat(report.latencies().getTotalCount()).isEqualTo(90);
    assertThat(report.errors())
        .containsExactly(
            new ErrorSample(0, "HTTP 500 for 0"),
            new ErrorSample(10, "HTTP 500 for 10"),
            new ErrorSample(20, "HTTP 500 for 20"),
            new ErrorSample(30, "HTTP 500 for 30"),
            new ErrorSample(40, "HTTP 500 for 40"));
  }

  @Test
  void run_throttlingTarget_countsThrottlesApartFromFailures() {
    LoadReport report =
        generator(100, 8).run(id -> id % 4 == 0 ? Outcome.throttled() : Outcome.success());

    assertThat(report.throttledRequests()).isEqualTo(25);
    assertThat(report.successfulRequests()).isEqualTo(75);
    assertThat(report.failedRequests()).isZero();
    assertThat(report.errors()).isEmpty();
    assertThat(report.totalRequests()).isEqualTo(100);
  }

  @Test
  void run_targetThrows_countsFailuresWithFirstFiveMessages() {
    LoadReport report =
        generator(50, 4)
            .run(
                id -> {
                  if (id % 5 == 0) {
                    throw new IllegalStateException("boom " + id);
                  }
                  return Outcome.success();
                });

    assertThat(report.failedRequests()).isEqualTo(10);
    assertThat(report.successfulRequests()).isEqualTo(40);
    assertThat(report.errors())
        .extracting(ErrorSample::error)
        .containsExactly(
            "java.lang.IllegalStateException: boom 0",
            "java.lang.IllegalStateException: boom 5",
            "java.lang.IllegalStateException: boom 10",
            "java.lang.IllegalStateException: boom 15",
            "java.lang.IllegalStateException: boom 20");
  }

  @Test
  void run_targetReturnsNull_countsFailure() {
    LoadReport report = generator(3, 1).run(id -> null);

    assertThat(report.failedRequests()).isEqualTo(3);
    assertThat(report.errors().get(0).error()).isEqualTo("target returned no outcome (null)");
  }

  @Test
  void run_closedLoop_keepsConcurrencyRequestsInFlight() {
    int concurrency = 8;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch allInFlight = new CountDownLatch(concurrency);

    LoadReport report =
        generator(10 * concurrency, concurrency)
            .run(
                id -> {
                  maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                  try {
                    allInFlight.countDown();
                    return allInFlight.await(10, TimeUnit.SECONDS)
                        ? Outcome.success()
                        : Outcome.failure("fewer than " + concurrency + " requests in flight");
                  } finally {
                    inFlight.decrementAndGet();
                  }
                });

    assertThat(report.successfulRequests()).isEqualTo(10 * concurrency);
    assertThat(maxInFlight).hasValue(concurrency);
  }

  @Test
  void run_closedLoop_slowRequestDoesNotHoldBackTheOthers() {
    int total = 40;
    CountDownLatch othersDone = new CountDownLatch(total - 1);

    // A generator with a batch barrier would wait for request 0 before starting the rest,
    // and request 0 waits for the rest: it would time out and fail.
    LoadReport report =
        generator(total, 4)
            .run(
                id -> {
                  if (id == 0) {
                    return othersDone.await(10, TimeUnit.SECONDS)
                        ? Outcome.success()
                        : Outcome.failure(
                            "the other requests did not finish while request 0 was in flight");
                  }
                  othersDone.countDown();
                  return Outcome.success();
                });

    assertThat(report.errors()).isEmpty();
    assertThat(report.successfulRequests()).isEqualTo(total);
  }

  @Test
  void run_openLoopTargetStalls_showsTheStallInP99WhereClosedLoopDoesNot() {
    double stallMs = STALL.toMillis();
    LoadReport open =
        LoadGenerator.builder()
            .totalRequests(1000)
            .concurrency(1)
            .targetRps(1000)
            .build()
            .run(stallingOnce(100));
    LoadReport closed =
        LoadGenerator.builder().totalRequests(1000).concurrency(1).build().run(stallingOnce(100));

    // Both saw the stalled request; only open loop counts the requests it delayed:
    // those due in the 10 ms after it waited at least STALL - 10 ms, 11 of 1000 (> 1%).
    assertThat(open.performanceMetrics().maxExecutionTimeMs()).isGreaterThanOrEqualTo(stallMs);
    assertThat(closed.performanceMetrics().maxExecutionTimeMs()).isGreaterThanOrEqualTo(stallMs);
    assertThat(open.performanceMetrics().p99ExecutionTimeMs())
        .isGreaterThanOrEqualTo(0.9 * stallMs);
    assertThat(closed.performanceMetrics().p99ExecutionTimeMs()).isLessThan(0.9 * stallMs);
    assertThat(open.successfulRequests()).isEqualTo(1000);
  }

  @Test
  void run_budgetRunsOut_returnsTruncatedReportOfWhatCompleted() {
    AtomicLong now = new AtomicLong();
    LoadReport report =
        LoadGenerator.builder()
            .totalRequests(100)
            .budget(Duration.ofSeconds(10))
            .ticker(now::get)
            .build()
            .run(
                id -> {
                  now.addAndGet(TimeUnit.SECONDS.toNanos(1));
                  return Outcome.success();
                });

    assertThat(report.truncated()).isTrue();
    assertThat(report.totalRequests()).isEqualTo(10);
    assertThat(report.totalTestTimeMs()).isEqualTo(10_000.0);
    assertThat(report.requestsPerSecond()).isEqualTo(1.0);
    assertThat(report.performanceMetrics().p50ExecutionTimeMs())
        .isCloseTo(1000.0, withinPercentage(0.1));
  }

  @Test
  void run_callerInterrupted_stopsAndReturnsTruncatedReport() throws InterruptedException {
    CountDownLatch firstRequest = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicLong calls = new AtomicLong();
    AtomicReference<LoadReport> result = new AtomicReference<>();
    AtomicBoolean interruptKept = new AtomicBoolean();
    Thread caller =
        new Thread(
            () -> {
              result.set(
                  generator(1000, 1)
                      .run(
                          id -> {
                            calls.incrementAndGet();
                            firstRequest.countDown();
                            release.await(10, TimeUnit.SECONDS);
                            return Outcome.success();
                          }));
              interruptKept.set(Thread.currentThread().isInterrupted());
            });
    caller.start();
    assertThat(firstRequest.await(10, TimeUnit.SECONDS)).isTrue();

    caller.interrupt();
    awaitInterruptConsumed(caller);
    release.countDown();
    caller.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(caller.isAlive()).isFalse();
    assertThat(result.get().truncated()).isTrue();
    assertThat(result.get().totalRequests()).isEqualTo(1);
    assertThat(calls).hasValue(1);
    assertThat(interruptKept).isTrue();
  }

  @Test
  void run_progressEveryTen_reportsEachTenAndTheFinalCount() {
    ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
    AtomicLong last = new AtomicLong();

    LoadGenerator.builder()
        .totalRequests(95)
        .concurrency(4)
        .progress(
            10,
            progress -> {
              seen.add(progress.completed());
              last.set(progress.completed());
            })
        .build()
        .run(id -> Outcome.success());

    assertThat(seen).containsExactlyInAnyOrder(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 95L);
    assertThat(last).hasValue(95);
  }

  @Test
  void run_progressListenerThrows_abortsAndRethrows() {
    IllegalStateException broken = new IllegalStateException("listener broke");
    AtomicLong calls = new AtomicLong();
    LoadGenerator generator =
        LoadGenerator.builder()
            .totalRequests(1000)
            .progress(
                1,
                progress -> {
                  throw broken;
                })
            .build();

    assertThatThrownBy(
            () ->
                generator.run(
                    id -> {
                      calls.incrementAndGet();
                      return Outcome.success();
                    }))
        .isSameAs(broken);
    assertThat(calls).hasValue(1);
  }

  @Test
  void run_targetThrowsError_abortsAndRethrowsIt() {
    StackOverflowError fatal = new StackOverflowError("simulated");

    assertThatThrownBy(
            () ->
                generator(100, 1)
                    .run(
                        id -> {
                          if (id == 3) {
                            throw fatal;
                          }
                          return Outcome.success();
                        }))
        .isSameAs(fatal);
  }

  @Test
  void run_threadFactory_makesOneThreadPerConcurrencySlot() {
    AtomicInteger made = new AtomicInteger();
    LoadReport report =
        LoadGenerator.builder()
            .totalRequests(50)
            .concurrency(6)
            .threadFactory(
                task -> {
                  made.incrementAndGet();
                  return new Thread(task);
                })
            .build()
            .run(id -> Outcome.success());

    assertThat(made).hasValue(6);
    assertThat(report.successfulRequests()).isEqualTo(50);
  }

  @Test
  void run_nullTarget_throwsNamingTarget() {
    assertThatThrownBy(() -> generator(1, 1).run(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("target");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badConfigurations")
  void builder_badValue_throwsNamingFieldAndRange(
      String message, Consumer<LoadGenerator.Builder> configure) {
    assertThatThrownBy(() -> configure.accept(LoadGenerator.builder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  static Stream<Arguments> badConfigurations() {
    return Stream.of(
        bad("totalRequests must be >= 1, was 0", b -> b.totalRequests(0)),
        bad("totalRequests must be >= 1, was -5", b -> b.totalRequests(-5)),
        bad("concurrency must be between 1 and 1000, was 0", b -> b.concurrency(0)),
        bad("concurrency must be between 1 and 1000, was 1001", b -> b.concurrency(1001)),
        bad(
            "targetRps must be above 0 and at most 1000000 requests per second, was 0.0",
            b -> b.targetRps(0)),
        bad(
            "targetRps must be above 0 and at most 1000000 requests per second, was NaN",
            b -> b.targetRps(Double.NaN)),
        bad(
            "targetRps must be above 0 and at most 1000000 requests per second, was 2000000.0",
            b -> b.targetRps(2_000_000)),
        bad("budget must be positive, was PT0S", b -> b.budget(Duration.ZERO)),
        bad("budget must be positive, was PT-1S", b -> b.budget(Duration.ofSeconds(-1))),
        bad("progress interval must be >= 1 requests, was 0", b -> b.progress(0, p -> {})));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("optionsSetTwice")
  void builder_optionSetTwice_throwsNamingIt(String option, Consumer<LoadGenerator.Builder> set) {
    LoadGenerator.Builder builder = LoadGenerator.builder();
    set.accept(builder);

    assertThatThrownBy(() -> set.accept(builder))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(option + " was already set");
  }

  static Stream<Arguments> optionsSetTwice() {
    return Stream.of(
        Arguments.of("totalRequests", (Consumer<LoadGenerator.Builder>) b -> b.totalRequests(5)),
        Arguments.of("concurrency", (Consumer<LoadGenerator.Builder>) b -> b.concurrency(2)),
        Arguments.of("targetRps", (Consumer<LoadGenerator.Builder>) b -> b.targetRps(10)),
        Arguments.of(
            "budget", (Consumer<LoadGenerator.Builder>) b -> b.budget(Duration.ofSeconds(1))),
        Arguments.of("ticker", (Consumer<LoadGenerator.Builder>) b -> b.ticker(() -> 0L)),
        Arguments.of(
            "threadFactory", (Consumer<LoadGenerator.Builder>) b -> b.threadFactory(Thread::new)),
        Arguments.of("progress", (Consumer<LoadGenerator.Builder>) b -> b.progress(1, p -> {})));
  }

  @Test
  void build_withoutTotalRequests_throwsNamingIt() {
    assertThatThrownBy(() -> LoadGenerator.builder().concurrency(4).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("totalRequests is required");
  }

  /** Waits until {@code caller} has taken the interrupt (flag cleared) and waits again. */
  private static void awaitInterruptConsumed(Thread caller) {
    assertThat(
            eventually(
                Duration.ofSeconds(10),
                () -> !caller.isInterrupted() && caller.getState() == Thread.State.WAITING))
        .as("caller took the interrupt")
        .isTrue();
  }

  private static Arguments bad(String message, Consumer<LoadGenerator.Builder> configure) {
    return Arguments.of(message, configure);
  }

  private static LoadGenerator generator(long total, int concurrency) {
    return LoadGenerator.builder().totalRequests(total).concurrency(concurrency).build();
  }

  /** A target that answers at once, except request {@code stalled}, which takes STALL. */
  private static Target stallingOnce(long stalled) {
    CountDownLatch never = new CountDownLatch(1);
    return id -> {
      if (id == stalled) {
        // Simulated slow response: a latch nobody releases bounds the stall to STALL.
        never.await(STALL.toNanos(), TimeUnit.NANOSECONDS);
      }
      return Outcome.success();
    };
  }
}
