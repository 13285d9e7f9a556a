package dev.perfkit.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.time.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The port behaves as the lab's loop: every request once, in barrier batches, a pause after each.
 */
class LabLoadLoopTest {

  private final List<Duration> pauses = new CopyOnWriteArrayList<>();

  @Test
  void run_sendsEveryRequestOnce() throws InterruptedException {
    Set<Long> sent = ConcurrentHashMap.newKeySet();
    AtomicInteger calls = new AtomicInteger();

    LabLoadLoop.Report report =
        new LabLoadLoop(20, 200, pauses::add, Ticker.system())
            .run(
                id -> {
                  calls.incrementAndGet();
                  sent.add(id);
                  return 200;
                });

    assertThat(calls).hasValue(200);
    assertThat(sent).hasSize(200).allMatch(id -> id >= 0 && id < 200);
    assertThat(report.totalRequests()).isEqualTo(200);
    assertThat(report.successfulRequests()).isEqualTo(200);
    assertThat(report.successRate()).isEqualTo(100.0);
  }

  @Test
  void run_pausesAfterEveryBatchIncludingTheLast() throws InterruptedException {
    new LabLoadLoop(20, 210, pauses::add, Ticker.system()).run(id -> 200);

    assertThat(pauses).hasSize(11).containsOnly(LabLoadLoop.PAUSE);
  }

  @Test
  void run_startsABatchOnlyWhenThePreviousOneHasFinished() throws InterruptedException {
    AtomicInteger done = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    List<Long> early = new CopyOnWriteArrayList<>();

    new LabLoadLoop(20, 200, pauses::add, Ticker.system())
        .run(
            id -> {
              mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
              if (done.get() < (id / 20) * 20) {
                early.add(id);
              }
              inFlight.decrementAndGet();
              done.incrementAndGet();
              return 200;
            });

    assertThat(early).isEmpty();
    assertThat(mostInFlight.get()).isBetween(1, 20);
  }

  @Test
  void run_countsRequestsThatThrowAsFailed() throws InterruptedException {
    LabLoadLoop.Report report =
        new LabLoadLoop(20, 40, pauses::add, Ticker.system())
            .run(
                id -> {
                  if (id % 2 == 0) {
                    throw new IllegalStateException("throttled");
                  }
                  return 200;
                });

    assertThat(report.successfulRequests()).isEqualTo(20);
    assertThat(report.failedRequests()).isEqualTo(20);
    assertThat(report.successRate()).isEqualTo(50.0);
  }
}
