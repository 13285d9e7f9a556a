package dev.perfkit.local.sqs;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.core.time.Ticker;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.lambda.LocalLambdaException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The mapping's life: pollers on a cached pool, each gathering batches ({@link BatchReceiver}) and
 * invoking with them ({@link BatchInvoker}), and a timer that samples the backlog and scales the
 * pollers to it ({@link PollerScaler}).
 */
final class DefaultEventSourceMapping implements EventSourceMapping {

  private static final System.Logger LOG = System.getLogger(EventSourceMapping.class.getName());
  private static final Duration ERROR_BACKOFF = Duration.ofSeconds(1);
  private static final Duration DRAIN_MARGIN = Duration.ofMinutes(1);

  private final SqsClient sqs;
  private final LocalLambda lambda;
  private final String queueUrl;
  private final String queueArn;
  private final String functionName;
  private final int maximumConcurrency;
  private final Duration drainTimeout;
  private final Clock clock;
  private final Ticker ticker;
  private final long startedAt;
  private final EventSourceCounters counters;
  private final BatchReceiver receiver;
  private final BatchInvoker invoker;
  private final PollerScaler scaling;

  private final ExecutorService pollers;
  private final ScheduledExecutorService scaler;
  private final CountDownLatch stopping = new CountDownLatch(1);

  private final Object lock = new Object();
  private boolean running = true;
  private int activePollers;
  private int maxActivePollers;
  private int ceiling;
  private int floor;
  private long stoppedAt = -1;
  private final ArrayDeque<BacklogSample> samples = new ArrayDeque<>();

  private DefaultEventSourceMapping(
      EventSourceMapping.Builder builder, String queueArn, Duration functionTimeout) {
    this.sqs = builder.sqs;
    this.lambda = builder.lambda;
    this.queueUrl = builder.queueUrl;
    this.queueArn = queueArn;
    this.functionName = builder.functionName;
    this.maximumConcurrency = builder.maximumConcurrency();
    this.drainTimeout = functionTimeout.plus(DRAIN_MARGIN);
    this.clock = builder.clock();
    this.ticker = builder.ticker();
    this.startedAt = clock.millis();
    this.counters = new EventSourceCounters(functionName);
    this.receiver =
        new BatchReceiver(
            sqs,
            queueUrl,
            builder.batchSize(),
            builder.maximumBatchingWindow(),
            builder.receiveWait(),
            clock,
            this::isRunning,
            this::pause,
            counters);
    this.invoker = new BatchInvoker(builder, queueArn, this::pause, counters);
    this.scaling = new PollerScaler(builder.ramp(), builder.batchSize(), ticker.read());
    this.ceiling = readCeiling(maximumConcurrency);
    this.floor = scaling.floor(ceiling);
    this.pollers = Executors.newCachedThreadPool(DaemonThreadFactory.named("perfkit-sqs-poller"));
    this.scaler =
        Executors.newSingleThreadScheduledExecutor(DaemonThreadFactory.named("perfkit-sqs-scaler"));
  }

  static EventSourceMapping start(EventSourceMapping.Builder builder) {
    Duration functionTimeout = builder.lambda.functionConfiguration(builder.functionName).timeout();
    String arn =
        builder
            .sqs
            .getQueueAttributes(
                request ->
                    request.queueUrl(builder.queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    SqsEvents.regionOf(arn); // fails at once on an ARN the records could not carry
    DefaultEventSourceMapping mapping =
        new DefaultEventSourceMapping(builder, arn, functionTimeout);
    synchronized (mapping.lock) {
      while (mapping.activePollers < mapping.floor) {
        mapping.addPoller();
      }
    }
    // scale() reports its own failures; the schedule never ends early.
    var unused =
        mapping.scaler.scheduleWithFixedDelay(
            mapping::scale, 0, builder.scalingInterval().toNanos(), TimeUnit.NANOSECONDS);
    return mapping;
  }

  @Override
  public String queueArn() {
    return queueArn;
  }

  @Override
  public EventSourceStats stats() {
    synchronized (lock) {
      long end = stoppedAt >= 0 ? stoppedAt : clock.millis();
      return counters.snapshot(
          activePollers,
          maxActivePollers,
          List.copyOf(samples),
          Duration.ofMillis(Math.max(0, end - startedAt)));
    }
  }

  @Override
  public boolean stop(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    synchronized (lock) {
      if (running) {
        running = false;
        stoppedAt = clock.millis();
      }
    }
    stopping.countDown();
    // No interrupts: a sample in progress ends by itself, and later ones are cancelled.
    scaler.shutdown();
    pollers.shutdown();
    long deadline = ticker.read() + timeout.toNanos();
    try {
      if (pollers.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)
          && scaler.awaitTermination(Math.max(0, deadline - ticker.read()), TimeUnit.NANOSECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    pollers.shutdownNow();
    scaler.shutdownNow();
    return false;
  }

  @Override
  public void close() {
    if (!stop(drainTimeout)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "SQS event source of "
              + functionName
              + ": batches still in flight after "
              + drainTimeout
              + "; their messages come back after the visibility timeout");
    }
  }

  /** Starts one more poller; the caller holds the lock and has checked {@code running}. */
  private void addPoller() {
    activePollers++;
    maxActivePollers = Math.max(maxActivePollers, activePollers);
    pollers.execute(this::poll);
  }

  private void scale() {
    try {
      Map<QueueAttributeName, String> attributes =
          sqs.getQueueAttributes(
                  request ->
                      request
                          .queueUrl(queueUrl)
                          .attributeNames(
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                              QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
              .attributes();
      long visible =
          Long.parseLong(
              attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
      long inFlight =
          Long.parseLong(
              attributes.getOrDefault(
                  QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0"));
      int currentCeiling = readCeiling(currentCeiling());
      long failures = counters.functionErrors.sum() + counters.throttles.sum();
      synchronized (lock) {
        if (!running) {
          return;
        }
        ceiling = currentCeiling;
        floor = scaling.floor(ceiling);
        int wanted = scaling.decide(ticker.read(), visible, activePollers, ceiling, failures);
        while (activePollers < wanted) {
          addPoller();
        }
        samples.addLast(
            new BacklogSample(
                clock.instant(),
                visible,
                inFlight,
                activePollers,
                scaling.allowed(),
                counters.processed.sum()));
        if (samples.size() > MAX_BACKLOG_SAMPLES) {
          samples.removeFirst();
        }
      }
    } catch (SdkException | NumberFormatException e) {
      counters.pollErrors.increment();
      counters.report("sampling the backlog failed", e);
    }
  }

  private void poll() {
    boolean retired = false;
    try {
      while (isRunning() && !Thread.currentThread().isInterrupted()) {
        if (retireAbove(currentCeiling())) {
          retired = true;
          return;
        }
        List<Message> batch;
        try {
          batch = receiver.gather();
        } catch (SdkException e) {
          counters.pollErrors.increment();
          counters.report("receiving failed", e);
          pause(ERROR_BACKOFF);
          continue;
        }
        if (batch.isEmpty()) {
          if (retireAbove(currentFloor())) {
            retired = true;
            return;
          }
          continue;
        }
        invoker.process(batch);
      }
    } finally {
      if (!retired) {
        synchronized (lock) {
          activePollers--;
        }
      }
    }
  }

  private boolean isRunning() {
    synchronized (lock) {
      return running;
    }
  }

  /** Stops the calling poller when more than {@code limit} run. */
  private boolean retireAbove(int limit) {
    synchronized (lock) {
      if (activePollers > limit) {
        activePollers--;
        return true;
      }
      return false;
    }
  }

  private int currentCeiling() {
    synchronized (lock) {
      return ceiling;
    }
  }

  private int currentFloor() {
    synchronized (lock) {
      return floor;
    }
  }

  /**
   * The most pollers now: the maximum concurrency, and the function's reserved concurrency
   * (invocations beyond it are throttled), at least one so that throttles are seen and reported;
   * {@code previous} when the function's configuration cannot be read.
   */
  private int readCeiling(int previous) {
    try {
      OptionalInt reserved = lambda.functionConfiguration(functionName).reservedConcurrency();
      return Math.max(1, Math.min(maximumConcurrency, reserved.orElse(maximumConcurrency)));
    } catch (LocalLambdaException e) {
      counters.note("reading the function's reserved concurrency failed: " + e.getMessage());
      return previous;
    }
  }

  /** Waits for {@code duration}, or less when the mapping stops meanwhile. */
  private void pause(Duration duration) {
    try {
      stopping.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
