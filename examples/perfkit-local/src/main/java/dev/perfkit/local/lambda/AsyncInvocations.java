package dev.perfkit.local.lambda;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's queue of asynchronous ({@code Event}) invocations: each is run on the host's executor;
 * after a function error it is retried twice, by default a minute and then two minutes later;
 * throttled (429) or refused by a service error (5xx), it is retried from 1 s, doubling up to 5
 * minutes, for up to six hours. As "How Lambda handles errors and retries with asynchronous
 * invocation" (Lambda developer guide) describes.
 */
final class AsyncInvocations {

  /** Runs one invocation synchronously, as the Invoke API's {@code RequestResponse} does. */
  interface Runner {
    Invocation.Outcome run(LambdaFunction function, LambdaFunction.Target target, Invocation call);
  }

  /** Lambda's waits before the two retries of an event whose function failed. */
  static final List<Duration> LAMBDA_RETRY_DELAYS =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(2));

  private static final Duration MAX_EVENT_AGE = Duration.ofHours(6);
  private static final Duration FIRST_THROTTLE_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_THROTTLE_RETRY = Duration.ofMinutes(5);
  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

  private final Host host;
  private final Runner runner;
  private final List<Duration> retryDelays;
  private final Set<Event> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** {@code retryDelays}: the waits before each retry after a function error, in order. */
  AsyncInvocations(Host host, Runner runner, List<Duration> retryDelays) {
    this.host = host;
    this.runner = runner;
    this.retryDelays = List.copyOf(retryDelays);
  }

  /** Queues an event; it runs as soon as the executor takes it. */
  void submit(
      LambdaFunction function,
      LambdaFunction.Target target,
      String requestId,
      byte[] payload,
      String invokedArn) {
    Event event = new Event(function, target, requestId, payload, invokedArn);
    pending.add(event);
    host.executor().execute(event::attempt);
  }

  /** Stops retrying; events still queued are dropped, and counted in the log. */
  void close() {
    closed = true;
    if (!pending.isEmpty()) {
      LOG.log(Level.WARNING, "{0} queued events dropped at shutdown", pending.size());
    }
  }

  private final class Event {
    private final LambdaFunction function;
    private final LambdaFunction.Target target;
    private final String requestId;
    private final byte[] payload;
    private final String invokedArn;
    private final long acceptedNanos = host.ticker().read();
    private int failures;
    private int throttles;

    Event(
        LambdaFunction function,
        LambdaFunction.Target target,
        String requestId,
        byte[] payload,
        String invokedArn) {
      this.function = function;
      this.target = target;
      this.requestId = requestId;
      this.payload = payload;
      this.invokedArn = invokedArn;
    }

    void attempt() {
      if (closed) {
        return;
      }
      try {
        Invocation call =
            new Invocation(
                requestId,
                payload,
                invokedArn,
                TraceHeader.next(host.clock().instant()),
                Optional.empty());
        Invocation.Outcome outcome = runner.run(function, target, call);
        if (!outcome.failed()) {
          pending.remove(this);
        } else if (++failures > retryDelays.size()) {
          pending.remove(this);
          LOG.log(
              Level.WARNING,
              "Event {0} to {1} failed {2} times ({3}); dropped, as Lambda does without a"
                  + " failure destination",
              requestId,
              invokedArn,
              failures,
              outcome.errorType().orElse(""));
        } else {
          retryIn(retryDelays.get(failures - 1));
        }
      } catch (LocalLambdaException e) {
        Duration age = Duration.ofNanos(host.ticker().read() - acceptedNanos);
        boolean retryable = e.statusCode() == 429 || e.statusCode() >= 500;
        if (retryable && age.compareTo(MAX_EVENT_AGE) < 0) {
          retryIn(throttleDelay(throttles++));
        } else {
          pending.remove(this);
          LOG.log(
              Level.WARNING,
              "Event {0} to {1} dropped: {2}",
              requestId,
              invokedArn,
              e.getMessage());
        }
      }
    }

    /** 1 s after the first throttle, doubling to at most 5 minutes. */
    private Duration throttleDelay(int earlierThrottles) {
      Duration delay = FIRST_THROTTLE_RETRY.multipliedBy(1L << Math.min(earlierThrottles, 9));
      return delay.compareTo(LAST_THROTTLE_RETRY) < 0 ? delay : LAST_THROTTLE_RETRY;
    }

    private void retryIn(Duration delay) {
      if (closed) {
        return;
      }
      var unused =
          host.timer()
              .schedule(
                  () -> host.executor().execute(this::attempt),
                  delay.toMillis(),
                  TimeUnit.MILLISECONDS);
    }
  }
}
