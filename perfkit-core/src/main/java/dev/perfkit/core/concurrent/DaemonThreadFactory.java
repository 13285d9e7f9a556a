package dev.perfkit.core.concurrent;

import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes daemon threads named {@code <prefix>-1}, {@code <prefix>-2}, ...: perfkit's background work
 * never keeps a JVM (a Lambda execution environment, a test run) alive on its own.
 */
public final class DaemonThreadFactory implements ThreadFactory {

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  private DaemonThreadFactory(String prefix) {
    this.prefix = prefix;
  }

  /**
   * A factory whose threads are named {@code prefix} followed by a counter.
   *
   * @param prefix the start of every thread's name, e.g. {@code perfkit-load}; not blank
   * @return a factory whose first thread is {@code <prefix>-1}
   * @throws IllegalArgumentException if {@code prefix} is blank
   */
  public static DaemonThreadFactory named(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isBlank()) {
      throw new IllegalArgumentException("prefix must not be blank");
    }
    return new DaemonThreadFactory(prefix);
  }

  @Override
  public Thread newThread(Runnable task) {
    Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
