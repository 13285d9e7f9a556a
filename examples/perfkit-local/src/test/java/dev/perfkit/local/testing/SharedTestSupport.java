package dev.perfkit.local.testing;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Helpers of the tests of every local and lab package. */
public final class SharedTestSupport {

  private SharedTestSupport() {}

  /** Polls {@code condition} until it holds or {@code bound} passes; returns whether it held. */
  public static boolean eventually(Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
    return condition.getAsBoolean();
  }

  /** Everything on this JVM's classpath: the code of a function built from perfkit's modules. */
  public static List<Path> testClasspath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isBlank())
        .map(Path::of)
        .toList();
  }
}
