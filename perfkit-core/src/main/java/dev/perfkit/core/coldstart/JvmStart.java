package dev.perfkit.core.coldstart;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When this JVM started. On Linux it is read from {@code /proc} (two small files, to 10 ms
 * precision), because the management API's {@code RuntimeMXBean} loads enough classes to add to the
 * cold start it is there to measure: in a fresh JVM on the 2-core build machine, 17 to 32 ms for
 * the MXBean against about 3.5 ms for the two files.
 */
final class JvmStart {

  /**
   * Linux's USER_HZ, the unit of a process's start time in {@code /proc/self/stat}: 100 everywhere
   * Lambda runs.
   */
  private static final int CLOCK_TICKS_PER_SECOND = 100;

  /** Field 22 of {@code /proc/self/stat}, counted after the command name in parentheses. */
  private static final int START_TIME_FIELD_AFTER_COMMAND = 20;

  private JvmStart() {}

  static Instant instant(Clock clock) {
    return fromProc(Path.of("/proc"), clock)
        .orElseGet(() -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
  }

  /**
   * The start time from {@code proc}'s {@code self/stat} and {@code uptime}; empty when unreadable.
   */
  static Optional<Instant> fromProc(Path proc, Clock clock) {
    try {
      String stat = Files.readString(proc.resolve("self/stat"));
      String uptime = Files.readString(proc.resolve("uptime"));
      Instant now = clock.instant();
      // The command name may hold spaces and parentheses: the fields start after the last ')'.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ", -1);
      long startTicks = Long.parseLong(fields[START_TIME_FIELD_AFTER_COMMAND - 1]);
      double secondsSinceBoot = Double.parseDouble(uptime.substring(0, uptime.indexOf(' ')));
      long ageMillis =
          Math.round(secondsSinceBoot * 1000) - startTicks * 1000 / CLOCK_TICKS_PER_SECOND;
      return ageMillis < 0
          ? Optional.empty()
          : Optional.of(now.minus(Duration.ofMillis(ageMillis)));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
