package dev.perfkit.core.load;

import dev.perfkit.core.load.LoadReport.ErrorSample;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** The state of one {@link LoadGenerator#run}: workers, counters, histogram. */
final class LoadRun {

  private static final int MAX_ERROR_LENGTH = 1000;

  private final LoadGenerator config;
  private final Target target;
  private final boolean openLoop;
  private final double intervalNanos;
  // Wait-free recording from every worker; read once when all have stopped.
  private final Recorder latenciesMicros = new Recorder(LoadReport.SIGNIFICANT_DIGITS);
  private final AtomicLong nextRequest = new AtomicLong();
  private final AtomicLong successful = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong throttled = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final TreeMap<Long, String> firstErrors = new TreeMap<>();
  private final AtomicReference<Throwable> fatal = new AtomicReference<>();
  private volatile boolean stopped;
  private long startNanos;
  private long deadlineNanos;

  LoadRun(LoadGenerator config, Target target) {
    this.config = config;
    this.target = target;
    this.openLoop = config.targetRps > 0;
    this.intervalNanos = openLoop ? 1e9 / config.targetRps : 0;
  }

  LoadReport execute() {
    startNanos = config.ticker.read();
    deadlineNanos =
        config.budget == null
            ? Long.MAX_VALUE
            : startNanos + Math.min(config.budget.toNanos(), Long.MAX_VALUE - startNanos);
    List<Thread> workers = startWorkers((int) Math.min(config.concurrency, config.totalRequests));
    joinAll(workers);
    long endNanos = config.ticker.read();

    Throwable failure = fatal.get();
    if (failure instanceof Error error) {
      throw error;
    }
    if (failure instanceof RuntimeException exception) {
      throw exception;
    }
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    long done = completed.get();
    if (config.progressListener != null && done % config.progressEvery != 0) {
      config.progressListener.onProgress(progress(done));
    }
    Histogram histogram = latenciesMicros.getIntervalHistogram();
    return LoadReport.of(
        histogram,
        successful.get(),
        failed.get(),
        throttled.get(),
        (endNanos - startNanos) / 1e6,
        errorSamples(),
        done < config.totalRequests);
  }

  private List<Thread> startWorkers(int count) {
    List<Thread> workers = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        Thread worker = config.threadFactory.newThread(this::work);
        if (worker == null) {
          throw new IllegalStateException("threadFactory returned null");
        }
        worker.start();
        workers.add(worker);
      }
    } catch (RuntimeException | Error e) {
      stopped = true;
      joinAll(workers);
      throw e;
    }
    return workers;
  }

  private void joinAll(List<Thread> workers) {
    boolean interrupted = false;
    for (Thread worker : workers) {
      while (true) {
        try {
          worker.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
          stopped = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void work() {
    try {
      while (!stopped) {
        long requestId = nextRequest.getAndIncrement();
        if (requestId >= config.totalRequests) {
          return;
        }
        long intendedStart =
            openLoop ? startNanos + (long) (requestId * intervalNanos) : config.ticker.read();
        if (intendedStart >= deadlineNanos || (openLoop && !awaitStart(intendedStart))) {
          return;
        }
        Outcome outcome = call(requestId);
        long latencyNanos = config.ticker.read() - intendedStart;
        record(requestId, outcome, latencyNanos);
      }
    } catch (Throwable t) {
      fatal.compareAndSet(null, t);
      stopped = true;
    }
  }

  /** Waits until the intended start; false when the run stops or the budget ends first. */
  private boolean awaitStart(long intendedStart) {
    while (true) {
      long now = config.ticker.read();
      if (now >= deadlineNanos || stopped) {
        return false;
      }
      if (now >= intendedStart) {
        return true;
      }
      LockSupport.parkNanos(intendedStart - now);
    }
  }

  private Outcome call(long requestId) {
    try {
      Outcome outcome = target.execute(requestId);
      return outcome != null ? outcome : Outcome.failure("target returned no outcome (null)");
    } catch (Exception e) {
      return Outcome.failure(e.toString());
    }
  }

  private void record(long requestId, Outcome outcome, long latencyNanos) {
    switch (outcome.status()) {
      case SUCCESS -> {
        latenciesMicros.recordValue(TimeUnit.NANOSECONDS.toMicros(Math.max(0, latencyNanos)));
        successful.incrementAndGet();
      }
      case THROTTLED -> throttled.incrementAndGet();
      case FAILURE -> {
        failed.incrementAndGet();
        rememberError(requestId, outcome.message());
      }
    }
    long done = completed.incrementAndGet();
    if (config.progressListener != null && done % config.progressEvery == 0) {
      config.progressListener.onProgress(progress(done));
    }
  }

  private void rememberError(long requestId, String message) {
    String error =
        message.length() > MAX_ERROR_LENGTH
            ? message.substring(0, MAX_ERROR_LENGTH) + "..."
            : message;
    synchronized (firstErrors) {
      firstErrors.put(requestId, error);
      if (firstErrors.size() > LoadReport.MAX_ERRORS) {
        firstErrors.pollLastEntry();
      }
    }
  }

  private List<ErrorSample> errorSamples() {
    synchronized (firstErrors) {
      List<ErrorSample> samples = new ArrayList<>(firstErrors.size());
      firstErrors.forEach((id, error) -> samples.add(new ErrorSample(id, error)));
      return samples;
    }
  }

  private Progress progress(long done) {
    return new Progress(
        done,
        successful.get(),
        failed.get(),
        throttled.get(),
        config.totalRequests,
        Duration.ofNanos(config.ticker.read() - startNanos));
  }
}
