package dev.perfkit.lab.local;

import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.sqs.LocalSqs;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/** The {@link LabServices} a start brought up; closes them in reverse order of their start. */
final class DefaultLabServices implements LabServices {

  private final UuidServer uuid;
  private final LocalSqs sqs;
  private final Optional<LocalDynamo> dynamo;
  private final LocalLambda lambda;
  private final Optional<LocalCloudWatch> cloudWatch;
  private final Optional<FunctionLogFeed> logFeed;
  private final LabState state;
  private final List<String> notes;
  private final AtomicBoolean closed = new AtomicBoolean();

  DefaultLabServices(
      UuidServer uuid,
      LocalSqs sqs,
      Optional<LocalDynamo> dynamo,
      LocalLambda lambda,
      Optional<LocalCloudWatch> cloudWatch,
      Optional<FunctionLogFeed> logFeed,
      LabState state,
      List<String> notes) {
    this.state = state;
    this.uuid = uuid;
    this.sqs = sqs;
    this.dynamo = dynamo;
    this.lambda = lambda;
    this.cloudWatch = cloudWatch;
    this.logFeed = logFeed;
    this.notes = List.copyOf(notes);
  }

  @Override
  public LocalLambda lambda() {
    return lambda;
  }

  @Override
  public LocalSqs sqs() {
    return sqs;
  }

  @Override
  public Optional<URI> dynamoEndpoint() {
    return dynamo.map(LocalDynamo::endpoint);
  }

  @Override
  public Optional<LocalCloudWatch> cloudWatch() {
    return cloudWatch;
  }

  @Override
  public URI externalUrl() {
    return uuid.uuidUrl();
  }

  @Override
  public List<String> notes() {
    return notes;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Deque<AutoCloseable> parts = new ArrayDeque<>();
    parts.push(uuid);
    parts.push(() -> state.stop(sqs));
    dynamo.ifPresent(parts::push);
    parts.push(lambda);
    // Before the local Lambda, which may delete its logs when it stops.
    logFeed.ifPresent(parts::push);
    closeAll(parts, "the lab's services did not stop cleanly");
  }

  /**
   * Closes in stack order (last started first); failures are collected and thrown together as an
   * {@link IllegalStateException} with {@code message}.
   */
  static void closeAll(Deque<AutoCloseable> parts, String message) {
    RuntimeException failure = new IllegalStateException(message);
    closeAll(parts, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  /** Closes in stack order (last started first), adding each failure to {@code failure}. */
  static void closeAll(Deque<AutoCloseable> parts, Throwable failure) {
    while (!parts.isEmpty()) {
      try {
        parts.pop().close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
