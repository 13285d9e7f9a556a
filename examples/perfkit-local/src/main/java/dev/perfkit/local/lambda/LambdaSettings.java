package dev.perfkit.local.lambda;

import dev.perfkit.core.time.Ticker;
import dev.perfkit.local.cloudwatch.LambdaMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A {@link LocalLambda.Builder}'s options with their defaults applied: what one local Lambda runs
 * with. Each is documented on the builder's method of the same name.
 */
record LambdaSettings(
    int port,
    String region,
    String accountId,
    int concurrencyLimit,
    int minimumUnreservedConcurrency,
    List<Duration> eventRetryDelays,
    Optional<EventSources> eventSources,
    Duration initTimeout,
    Duration idleTimeout,
    Optional<Path> workDirectory,
    Path javaExecutable,
    List<String> jvmOptions,
    Clock clock,
    Ticker ticker,
    Optional<LambdaMetrics> metrics) {}
