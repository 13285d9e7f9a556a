package dev.perfkit.core.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JvmStartTest {

  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @TempDir Path proc;

  @Test
  void fromProc_startTicksAndUptime_giveTheStartInstant() throws IOException {
    // Started 1234.56 s after boot; the machine has been up 1300.00 s: the JVM is 65.44 s old.
    writeProc(
        "4242 (java) S 1 4242 4242 0 -1 4194560 " + "0 ".repeat(12) + "123456 100 200",
        "1300.00 2500.00");

    assertThat(JvmStart.fromProc(proc, Clock.fixed(NOW, ZoneOffset.UTC)))
        .contains(NOW.minus(Duration.ofMillis(65_440)));
  }

  @Test
  void fromProc_commandWithSpacesAndParentheses_readsTheRightField() throws IOException {
    writeProc("7 (my (odd) cmd) S 1 7 7 0 -1 4194560 " + "0 ".repeat(12) + "100 1 2", "2.00 1.00");

    assertThat(JvmStart.fromProc(proc, Clock.fixed(NOW, ZoneOffset.UTC)))
        .contains(NOW.minus(Duration.ofSeconds(1)));
  }

  @Test
  void fromProc_unreadable_isEmpty() {
    assertThat(JvmStart.fromProc(proc.resolve("missing"), Clock.systemUTC())).isEmpty();
  }

  @Test
  void instant_onThisMachine_agreesWithTheManagementApi() {
    Instant managementStart =
        Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

    // /proc counts from the process's exec, the management API from the VM's own start a few
    // milliseconds later; both are 10 ms ticks apart at worst.
    assertThat(Duration.between(JvmStart.instant(Clock.systemUTC()), managementStart).abs())
        .isLessThan(Duration.ofMillis(500));
  }

  private void writeProc(String stat, String uptime) throws IOException {
    Files.createDirectories(proc.resolve("self"));
    Files.writeString(proc.resolve("self/stat"), stat);
    Files.writeString(proc.resolve("uptime"), uptime);
  }
}
