package dev.perfkit.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DeadlineTest {

  private final AtomicLong ticker = new AtomicLong(Long.MAX_VALUE - 1_000);

  @Test
  void remaining_shrinksAsTheTickerAdvances() {
    Deadline deadline = Deadline.after(Duration.ofSeconds(3), ticker::get);

    ticker.addAndGet(Duration.ofMillis(1200).toNanos());

    assertThat(deadline.remaining()).isEqualTo(Duration.ofMillis(1800));
    assertThat(deadline.remainingMillis()).isEqualTo(1800);
    assertThat(deadline.expired()).isFalse();
  }

  @Test
  void remaining_afterTheDeadline_isZeroAndExpired() {
    Deadline deadline = Deadline.after(Duration.ofMillis(10), ticker::get);

    ticker.addAndGet(Duration.ofMillis(11).toNanos());

    assertThat(deadline.remaining()).isEqualTo(Duration.ZERO);
    assertThat(deadline.expired()).isTrue();
  }

  @Test
  void after_hugeBudget_doesNotOverflow() {
    Deadline deadline = Deadline.after(Duration.ofDays(365 * 1000L), ticker::get);

    assertThat(deadline.expired()).isFalse();
    assertThat(deadline.remaining()).isGreaterThan(Duration.ofDays(365 * 100L));
  }

  @Test
  void after_negativeBudget_isRejected() {
    assertThatThrownBy(() -> Deadline.after(Duration.ofMillis(-1), ticker::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("budget");
  }
}
