package dev.perfkit.lab.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.lab.report.LabResults.Second;
import dev.perfkit.lab.runner.PerSecond.Answer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PerSecondTest {

  private final AtomicLong nanos = new AtomicLong();

  @Test
  void seconds_answersOnTheTicker_countInTheSecondTheyCameAndEmptySecondsShow() {
    PerSecond seconds = new PerSecond(nanos::get);

    seconds.count(Answer.SUCCEEDED);
    nanos.set(2_500_000_000L);
    seconds.count(Answer.THROTTLED);
    seconds.count(Answer.LIMIT_EXCEEDED);

    assertThat(seconds.seconds())
        .containsExactly(
            new Second(0, 1, 0, 0, 0), new Second(1, 0, 0, 0, 0), new Second(2, 0, 1, 1, 0));
    assertThat(seconds.total(Answer.THROTTLED)).isEqualTo(1);
  }
}
