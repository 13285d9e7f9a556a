package dev.perfkit.core.load;

/**
 * What a {@link LoadGenerator} calls: performs one request and classifies the answer.
 *
 * <p>Classification is the target's job (an HTTP 429 or a {@code TooManyRequestsException} is
 * {@link Outcome#throttled()}, a function error or a 5xx is {@link Outcome#failure(String)}). A
 * thrown {@link Exception} counts as a failure with the exception as its message; an {@link Error}
 * aborts the run. Called from several threads at once.
 */
@FunctionalInterface
public interface Target {

  /**
   * Performs one request.
   *
   * @param requestId the request's number: 0-based, unique within a run
   * @return how the request ended
   * @throws Exception when the request could not be made; counted as a failure
   */
  Outcome execute(long requestId) throws Exception;
}
