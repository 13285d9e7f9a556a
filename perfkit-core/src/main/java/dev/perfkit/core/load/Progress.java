package dev.perfkit.core.load;

import java.time.Duration;

/**
 * A snapshot of a running load test, for progress output. Counts are read one after another while
 * requests complete, so they may differ from {@code completed} by requests in flight.
 *
 * @param completed requests finished so far
 * @param successful of which succeeded
 * @param failed of which failed
 * @param throttled of which were throttled
 * @param totalRequests requests the run was asked for
 * @param elapsed time since the run started
 */
public record Progress(
    long completed,
    long successful,
    long failed,
    long throttled,
    long totalRequests,
    Duration elapsed) {}
