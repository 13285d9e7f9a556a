package dev.perfkit.local.lambda;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Lambda's queue of asynchronous ({@code Event}) invocations: each is run on the host's executor,
 * retried twice after a function error, and retried while throttled, for up to six hours.
 */
final class AsyncInvocations {

  /** Runs one invocation synchronously, as the Invoke API's {@code RequestResponse} does. */
  interface Runner {
    Invocation.Outcome run(LambdaFunction function, LambdaFunction.Target target, Invocation call);
  }

  private static final int EVENT_ATTEMPTS = 3;
  private static final Duration MAX_EVENT_AGE = Duration.ofHours(6);
  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

  private final Host host;
  private final Runner runner;
  private final Set<Event> pending = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  AsyncInvocations(Host host, Runner runner) {
    this.host = host;
    this.runner = runner;
  }

  /** Queues an event; it runs as soon as the executor takes it. */
  void submit(
      LambdaFunction function,
      LambdaFunction.Target target,
      String requestId,
      byte[] payload,
      String invokedArn,
      Optional<String> clientContext) {
    Event event = new Event(function, target, requestId, payload, invokedArn, clientContext);
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
    private final Optional<String> clientContext;
    private final long acceptedNanos = host.ticker().read();
    private int failures;
    private int throttles;

    Event(
        LambdaFunction function,
        LambdaFunction.Target target,
        String requestId,
        byte[] payload,
        String invokedArn,
        Optional<String> clientContext) {
      this.function = function;
      this.target = target;
      this.requestId = requestId;
      this.payload = payload;
      this.invokedArn = invokedArn;
      this.clientContext = clientContext;
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
                clientContext);
        Invocation.Outcome outcome = runner.run(function, target, call);
        if (!outcome.failed()) {
          pending.remove(this);
        } else if (++failures >= EVENT_ATTEMPTS) {
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
          // Lambda waits about one and then two minutes; locally seconds keep the lab quick.
          retryIn(Duration.ofSeconds(failures));
        }
      } catch (LocalLambdaException e) {
        Duration age = Duration.ofNanos(host.ticker().read() - acceptedNanos);
        if (e.statusCode() == 429 && age.compareTo(MAX_EVENT_AGE) < 0) {
          throttles++;
          retryIn(Duration.ofMillis(Math.min(30_000, 100L << Math.min(throttles, 9))));
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

    private void retryIn(Duration delay) {
      if (closed) {
        return;
      }
      host.timer()
          .schedule(
              () -> host.executor().execute(this::attempt),
              delay.toMillis(),
              TimeUnit.MILLISECONDS);
    }
  }
}
