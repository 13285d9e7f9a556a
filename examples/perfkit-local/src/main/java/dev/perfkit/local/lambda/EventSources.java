package dev.perfkit.local.lambda;

import java.time.Duration;

/**
 * What event source mappings created through the Lambda API ({@code CreateEventSourceMapping})
 * poll: given to {@link LocalLambda.Builder#eventSources}. perfkit-local's SQS provides one, {@code
 * dev.perfkit.local.sqs.SqsEventSources}.
 */
public interface EventSources {

  /**
   * Starts polling the source of {@code settings} and invoking its function on {@code lambda}.
   *
   * @param settings the mapping's settings, validated as the Lambda API validates them
   * @param lambda the local Lambda the batches go to
   * @return the running pollers
   * @throws IllegalArgumentException naming the source when it is not one of these sources or
   *     cannot be read (e.g. no such queue)
   */
  Poller start(EventSourceSettings settings, LocalLambda lambda);

  /** The pollers of one running mapping. */
  interface Poller {

    /**
     * The mapping's {@code LastProcessingResult}.
     *
     * @return {@code No records processed}, {@code OK}, or {@code PROBLEM: ...} after a failure
     */
    String lastProcessingResult();

    /**
     * Stops receiving and lets the batches in flight finish, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait for the batches in flight
     * @return whether everything finished in time
     */
    boolean stop(Duration timeout);
  }
}
