package dev.perfkit.handlers;

import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.core.load.LoadGenerator;
import dev.perfkit.core.time.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

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
 * @param ticker the time of latencies and deadlines
 * @param threadFactory makes the load and fan-out threads
 * @param resolver resolves a {@code targetUrl}'s host once, for the checks and the connections
 */
public record LoadTesterConfig(
    Environment environment,
    ClientRegistry registry,
    Ticker ticker,
    ThreadFactory threadFactory,
    HostResolver resolver) {

  /** The longest a Lambda function runs, so the longest a synchronous invoke can take. */
  static final Duration LAMBDA_MAX_TIMEOUT = Duration.ofMinutes(15);

  /**
   * Rejects nulls.
   *
   * @param environment the variables the tester reads
   * @param registry where its clients come from
   * @param ticker the time of latencies and deadlines
   * @param threadFactory makes the load and fan-out threads
   * @param resolver resolves a {@code targetUrl}'s host
   */
  public LoadTesterConfig {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(ticker, "ticker");
    Objects.requireNonNull(threadFactory, "threadFactory");
    Objects.requireNonNull(resolver, "resolver");
  }

  /**
   * A configuration that resolves hosts with {@link HostResolver#system()}.
   *
   * @param environment the variables the tester reads
   * @param registry where its clients come from
   * @param ticker the time of latencies and deadlines
   * @param threadFactory makes the load and fan-out threads
   */
  public LoadTesterConfig(
      Environment environment,
      ClientRegistry registry,
      Ticker ticker,
      ThreadFactory threadFactory) {
    this(environment, registry, ticker, threadFactory, HostResolver.system());
  }

  /**
   * A configuration with {@link Ticker#system()}, daemon threads named {@code
   * perfkit-load-tester-N} and the system's {@link HostResolver}.
   *
   * @param environment the variables the tester reads
   * @param registry where its clients come from; the caller owns it
   * @return the configuration
   */
  public static LoadTesterConfig of(Environment environment, ClientRegistry registry) {
    return new LoadTesterConfig(
        environment, registry, Ticker.system(), DaemonThreadFactory.named("perfkit-load-tester"));
  }

  /**
   * A configuration with its own {@linkplain #registryFor(Environment) load-sized registry}, {@link
   * Ticker#system()} and daemon threads. The caller owns the registry: close it when done with the
   * tester.
   *
   * @param environment the variables the tester reads
   * @return the configuration
   */
  public static LoadTesterConfig fromEnvironment(Environment environment) {
    return of(environment, registryFor(environment));
  }

  /**
   * A registry sized for load: {@value LoadGenerator#MAX_CONCURRENCY} connections (one per request
   * in flight, so no request waits for a pooled connection) and a 16-minute response timeout, which
   * the SDK also takes as its socket timeout, so a synchronous invoke of a function that runs up to
   * Lambda's 15 minutes is not cut. {@link ClientRegistry#shared()} keeps 30 s and 50 connections,
   * which suit a function's own calls but not a load test's.
   *
   * @param environment the variables the registry reads (region, endpoints)
   * @return the registry; the caller closes it
   */
  public static ClientRegistry registryFor(Environment environment) {
    return ClientRegistry.builder(Objects.requireNonNull(environment, "environment"))
        .maxConnections(LoadGenerator.MAX_CONCURRENCY)
        .maxConnectionsPerRoute(LoadGenerator.MAX_CONCURRENCY)
        .sdkMaxConnections(LoadGenerator.MAX_CONCURRENCY)
        .responseTimeout(LAMBDA_MAX_TIMEOUT.plusMinutes(1))
        .build();
  }

  /**
   * This configuration with another ticker.
   *
   * @param ticker the time of latencies and deadlines
   * @return the new configuration
   */
  public LoadTesterConfig withTicker(Ticker ticker) {
    return new LoadTesterConfig(environment, registry, ticker, threadFactory, resolver);
  }

  /**
   * This configuration with another thread factory.
   *
   * @param threadFactory makes the load and fan-out threads
   * @return the new configuration
   */
  public LoadTesterConfig withThreadFactory(ThreadFactory threadFactory) {
    return new LoadTesterConfig(environment, registry, ticker, threadFactory, resolver);
  }

  /**
   * This configuration with another resolver of {@code targetUrl} hosts.
   *
   * @param resolver resolves a {@code targetUrl}'s host
   * @return the new configuration
   */
  public LoadTesterConfig withResolver(HostResolver resolver) {
    return new LoadTesterConfig(environment, registry, ticker, threadFactory, resolver);
  }
}
