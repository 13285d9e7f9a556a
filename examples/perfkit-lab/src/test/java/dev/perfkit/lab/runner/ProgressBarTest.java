package dev.perfkit.lab.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private final StringWriter text = new StringWriter();
  private final AtomicLong nanos = new AtomicLong();

  @Test
  void update_notATerminal_printsALineAtEachQuarterAndAtTheEnd() {
    try (ProgressBar bar = bar(false, 100)) {
      for (int done = 1; done <= 100; done++) {
        nanos.addAndGet(100_000_000L);
        bar.update(done);
      }
    }

    assertThat(text.toString().lines())
        .containsExactly(
            "  sending [#######-----------------------] 25/100 3 s",
            "  sending [###############---------------] 50/100 5 s",
            "  sending [######################--------] 75/100 8 s",
            "  sending [##############################] 100/100 10 s");
  }

  @Test
  void update_terminal_redrawsOneLineInPlace() {
    try (ProgressBar bar = bar(true, 4)) {
      nanos.addAndGet(1_000_000_000L);
      bar.update(2);
    }

    assertThat(text.toString())
        .startsWith("\r  sending [------------------------------] 0/4 0 s")
        .contains("\r  sending [###############---------------] 2/4 1 s")
        .endsWith("\n")
        .doesNotContain("\n\r");
  }

  @Test
  void update_beyondTheTotal_showsTheTotal() {
    try (ProgressBar bar = bar(false, 10)) {
      bar.update(25);
    }

    assertThat(text.toString().lines()).last().asString().contains("10/10");
  }

  @Test
  void constructor_noWork_isRefused() {
    assertThatThrownBy(() -> bar(false, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("total must be 1 or more, was 0");
  }

  private ProgressBar bar(boolean terminal, long total) {
    return new ProgressBar(new PrintWriter(text, true), terminal, "sending", total, nanos::get);
  }
}
