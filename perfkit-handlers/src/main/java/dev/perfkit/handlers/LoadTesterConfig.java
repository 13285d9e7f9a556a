package dev.perfkit.handlers;

import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.load.LoadGenerator;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * What a {@link LoadTester} runs with.
 *
 * <pre>{@code
 * LoadTester tester = new LoadTester(LoadTesterConfig.fromEnvironment(Environment.of(variables)));
 * }</pre>
 *
 * @param environment the variables it reads ({@code PERFKIT_TARGET_FUNCTION}, the allow-lists,
 *     {@code AWS_LAMBDA_FUNCTION_NAME})
 * @param registry where the {@code LambdaClient} and the HTTP client come from; its response
 *     timeout bounds how long one request may take (see {@link #registryFor(Environment)})
 * @param ticker nanosecond clock for latencies and deadlines
 * @param threadFactory makes the load and fan-out threads
 */
public record LoadTesterConfig(
    Environment environment,
    ClientRegistry registry,
    LongSupplier ticker,
    ThreadFactory threadFactory) {

  /** The longest a Lambda function runs, so the longest a synchronous invoke can take. */
  static final Duration LAMBDA_MAX_TIMEOUT = Duration.ofMinutes(15);

  /** Rejects nulls. */
  public LoadTesterConfig {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(threadFactory, "threadFactory");
  }

  /** A configuration with {@link System#nanoTime()} and daemon threads. */
  public static LoadTesterConfig of(Environment environment, ClientRegistry registry) {
    return new LoadTesterConfig(environment, registry, System::nanoTime, daemonThreads());
  }

  /**
   * A configuration with its own {@linkplain #registryFor(Environment) load-sized registry},
   * {@link System#nanoTime()} and daemon threads. The caller owns the registry: close it when
   * done with the tester.
   */
  public static LoadTesterConfig fromEnvironment(Environment environment) {
    return of(environment, registryFor(environment));
  }

  /**
   * A registry sized for load: {@value LoadGenerator#MAX_CONCURRENCY} connections (one per
   * request in flight, so no request waits for a pooled connection) and a 16-minute response
   * timeout, which the SDK also takes as its socket timeout, so a synchronous invoke of a function
   * that runs up to Lambda's 15 minutes is not cut. {@link ClientRegistry#shared()} keeps 30 s and
   * 50 connections, which suit a function's own calls but not a load test's.
   */
  public static ClientRegistry registryFor(Environment environment) {
    return ClientRegistry.builder(Objects.requireNonNull(environment, "environment"))
        .maxConnections(LoadGenerator.MAX_CONCURRENCY)
        .maxConnectionsPerRoute(LoadGenerator.MAX_CONCURRENCY)
        .sdkMaxConnections(LoadGenerator.MAX_CONCURRENCY)
        .responseTimeout(LAMBDA_MAX_TIMEOUT.plusMinutes(1))
        .build();
  }

  /** This configuration with another clock. */
  public LoadTesterConfig withTicker(LongSupplier ticker) {
    return new LoadTesterConfig(environment, registry, ticker, threadFactory);
  }

  /** This configuration with another thread factory. */
  public LoadTesterConfig withThreadFactory(ThreadFactory threadFactory) {
    return new LoadTesterConfig(environment, registry, ticker, threadFactory);
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "perfkit-load-tester-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
