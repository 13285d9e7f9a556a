package dev.perfkit.handlers;

import dev.perfkit.core.routing.Deadline;
import dev.perfkit.core.time.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes items with BatchWriteItem: chunks of 25 (the API's limit) sent in parallel, at most {@link
 * #MAX_PARALLEL_CHUNKS} at once per call, each chunk's {@code UnprocessedItems} sent again after an
 * exponential backoff with full jitter until written or the deadline comes near. The waits go
 * through a {@link Sleeper} and their lengths come from a {@link Jitter}, both injected.
 *
 * <p>When DynamoDB fails (after the SDK's own retries), no further chunk starts and the outcome
 * says how many items were written before, with the failure; a missing table is thrown.
 */
final class BatchWriter {

  static final int CHUNK_SIZE = 25;
  static final int MAX_PARALLEL_CHUNKS = 10;
  static final Duration BASE_BACKOFF = Duration.ofMillis(25);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

  /**
   * What a write achieved.
   *
   * @param written items DynamoDB confirmed
   * @param unprocessed items not confirmed
   * @param attempts the most BatchWriteItem calls one chunk took
   * @param failure what stopped the write, or null when only the deadline or throttling did
   */
  record Outcome(int written, int unprocessed, int attempts, SdkException failure) {

    Outcome(int written, int unprocessed, int attempts) {
      this(written, unprocessed, attempts, null);
    }
  }

  /** Picks the wait before a resend, from zero to a ceiling. */
  @FunctionalInterface
  interface Jitter {

    /** A wait from zero to {@code ceiling}, inclusive. */
    Duration pick(Duration ceiling);

    /** Uniformly random waits, whole milliseconds: full jitter. */
    static Jitter random() {
      return ceiling ->
          Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling.toMillis() + 1));
    }
  }

  private final Executor executor;
  private final Duration reserve;
  private final Sleeper sleeper;
  private final Jitter jitter;

  /**
   * @param executor where the chunks of one write run, at most {@link #MAX_PARALLEL_CHUNKS} at once
   * @param reserve the time kept before the deadline for answering: no attempt or backoff starts
   *     inside it
   * @param sleeper waits out the backoffs
   * @param jitter picks each backoff below its exponential ceiling
   */
  BatchWriter(Executor executor, Duration reserve, Sleeper sleeper, Jitter jitter) {
    this.executor = executor;
    this.reserve = reserve;
    this.sleeper = sleeper;
    this.jitter = jitter;
  }

  Outcome write(DynamoDbClient dynamo, String table, List<WriteRequest> items, Deadline deadline)
      throws Exception {
    int chunks = (items.size() + CHUNK_SIZE - 1) / CHUNK_SIZE;
    AtomicReference<SdkException> failure = new AtomicReference<>();
    List<Outcome> outcomes =
        BoundedWorkers.run(
            executor,
            chunks,
            MAX_PARALLEL_CHUNKS,
            () -> failure.get() == null,
            chunk -> {
              int from = chunk * CHUNK_SIZE;
              List<WriteRequest> part =
                  items.subList(from, Math.min(items.size(), from + CHUNK_SIZE));
              Outcome outcome = writeChunk(dynamo, table, part, deadline);
              if (outcome.failure() != null) {
                failure.compareAndSet(null, outcome.failure());
              }
              return outcome;
            });
    int written = 0;
    int attempts = 0;
    for (Outcome outcome : outcomes) {
      // null: a chunk not started after a failure, none of it written
      if (outcome != null) {
        written += outcome.written();
        attempts = Math.max(attempts, outcome.attempts());
      }
    }
    return new Outcome(written, items.size() - written, attempts, failure.get());
  }

  private Outcome writeChunk(
      DynamoDbClient dynamo, String table, List<WriteRequest> chunk, Deadline deadline)
      throws InterruptedException {
    List<WriteRequest> pending = chunk;
    int attempts = 0;
    while (true) {
      Duration budget = deadline.remaining().minus(reserve);
      if (budget.isNegative() || budget.isZero()) {
        return new Outcome(chunk.size() - pending.size(), pending.size(), attempts);
      }
      attempts++;
      Map<String, List<WriteRequest>> request = Map.of(table, pending);
      BatchWriteItemResponse response;
      try {
        response =
            dynamo.batchWriteItem(
                b -> b.requestItems(request).overrideConfiguration(o -> o.apiCallTimeout(budget)));
      } catch (ApiCallTimeoutException e) {
        // Cut off at the deadline: whether this attempt's items were written is unknown.
        return new Outcome(chunk.size() - pending.size(), pending.size(), attempts);
      } catch (ResourceNotFoundException e) {
        throw e;
      } catch (SdkException e) {
        // DynamoDB unreachable or failing after the SDK's retries: this attempt wrote nothing.
        return new Outcome(chunk.size() - pending.size(), pending.size(), attempts, e);
      }
      pending = response.unprocessedItems().getOrDefault(table, List.of());
      if (pending.isEmpty()) {
        return new Outcome(chunk.size(), 0, attempts);
      }
      Duration backoff = jitter.pick(ceiling(attempts));
      if (deadline.remaining().minus(reserve).compareTo(backoff) <= 0) {
        return new Outcome(chunk.size() - pending.size(), pending.size(), attempts);
      }
      // Backoff before resending what DynamoDB throttled, as its documentation asks.
      sleeper.sleep(backoff);
    }
  }

  /** The longest wait after {@code attempt}: min(MAX_BACKOFF, BASE_BACKOFF * 2^(attempt-1)). */
  static Duration ceiling(int attempt) {
    long exponential = BASE_BACKOFF.toMillis() << Math.min(attempt - 1, 16);
    return Duration.ofMillis(Math.min(MAX_BACKOFF.toMillis(), exponential));
  }
}
