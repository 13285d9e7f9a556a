package dev.perfkit.lab.tune;

import static dev.perfkit.core.Preconditions.setOnce;
import static java.util.Objects.requireNonNullElse;
import static java.util.Objects.requireNonNullElseGet;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * Tunes the memory size of a function, as aws-lambda-power-tuning does without Step Functions: for
 * each size, UpdateFunctionConfiguration and the SDK's {@code FunctionUpdatedV2} waiter (so the
 * size is applied before any invocation), then the invocations, measured; at the end the function
 * gets its original memory size back.
 *
 * <p>By default it invokes the function directly and reads durations from the REPORT lines of the
 * log tails ({@code LogType: Tail}): the function's own Duration, Billed Duration and Init Duration
 * (cold starts). With {@link Builder#loadTester} it drives the function through the lab's
 * LoadTester function instead, and reports the load tester's round trips.
 *
 * <pre>{@code
 * TuningReport report = MemoryTuner.builder(lambdaClient, "user3-performance-function")
 *     .memorySizes(List.of(512, 1024, 2048))
 *     .payload("{\"body\": \"{\\\"operation\\\": \\\"cpu_intensive\\\"}\"}")
 *     .invocations(20)
 *     .build()
 *     .run();
 * System.out.print(report.toTable());
 * }</pre>
 */
public final class MemoryTuner {

  /** Lambda's memory sizes, MB. */
  public static final int MIN_MEMORY_MB = 128;

  /** Lambda's memory sizes, MB. */
  public static final int MAX_MEMORY_MB = 10_240;

  /** The most invocations per size, as the LoadTester accepts. */
  public static final long MAX_INVOCATIONS = 1_000_000;

  /** The most invocations in flight. */
  public static final int MAX_CONCURRENCY = 1000;

  private final LambdaClient lambda;
  private final String function;
  private final List<Integer> memorySizes;
  private final long invocations;
  private final int concurrency;
  private final Driver driver;
  private final TuningListener listener;

  private MemoryTuner(Builder builder, Driver driver) {
    this.lambda = builder.lambda;
    this.function = builder.function;
    this.memorySizes = builder.memorySizes;
    this.invocations = builder.invocationsOrDefault();
    this.concurrency = builder.concurrencyOrDefault();
    this.driver = driver;
    this.listener = requireNonNullElse(builder.listener, TuningListener.NONE);
  }

  /**
   * A builder for tuning {@code function} (a name or ARN) through {@code lambda}.
   *
   * @param lambda the Lambda client, of AWS or of a local Lambda
   * @param function the function's name or ARN
   * @return a new builder
   */
  public static Builder builder(LambdaClient lambda, String function) {
    return new Builder(lambda, function);
  }

  /**
   * Runs the sizes in order and reports them; restores the original memory size, also when a step
   * fails.
   *
   * @return what the run measured
   * @throws software.amazon.awssdk.core.exception.SdkException when a Lambda API call fails, e.g.
   *     the function does not exist
   * @throws IllegalStateException when an update is not applied, or the load tester fails
   */
  public TuningReport run() {
    GetFunctionConfigurationResponse original =
        lambda.getFunctionConfiguration(request -> request.functionName(function));
    String architecture =
        original.hasArchitectures() && !original.architectures().isEmpty()
            ? original.architecturesAsStrings().get(0)
            : "x86_64";
    List<SizeResult> results = new ArrayList<>();
    int current = original.memorySize();
    try (LambdaWaiter waiter = lambda.waiter()) {
      if (original.lastUpdateStatus() == LastUpdateStatus.IN_PROGRESS) {
        // Lambda refuses an update while the last one is in progress (409).
        waiter.waitUntilFunctionUpdatedV2(request -> request.functionName(function));
      }
      RuntimeException failure = null;
      try {
        for (int i = 0; i < memorySizes.size(); i++) {
          int memoryMb = memorySizes.get(i);
          listener.sizeStarted(memoryMb, i + 1, memorySizes.size());
          current = -1;
          setMemory(waiter, memoryMb);
          current = memoryMb;
          SizeResult result = driver.measure(memoryMb, listener);
          results.add(result);
          listener.sizeFinished(result);
        }
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      } finally {
        if (current != original.memorySize()) {
          restore(waiter, original.memorySize(), failure);
        }
      }
    }
    Optional<URI> endpoint = lambda.serviceClientConfiguration().endpointOverride();
    boolean local = endpoint.map(MemoryTuner::isLoopback).orElse(false);
    List<String> notes = new ArrayList<>();
    if (local) {
      notes.add(TuningReport.LOCAL_NOTE);
    }
    if (driver instanceof LoadTesterDriver) {
      notes.add(
          "Through the load tester, durations are round trips (an upper bound of the"
              + " function's Duration, billed as if each were the function's) and cold starts are"
              + " not visible: invoke the function directly to read its REPORT lines.");
    }
    notes.add(
        String.format(
            Locale.ROOT,
            "Prices: us-east-1 on-demand, first tier: $%.10f per"
                + " GB-s on x86_64, $%.10f on arm64, $%.2f per 1M requests; free tier not deducted. The"
                + " arm64 column prices the durations measured on %s.",
            Pricing.X86_64.perGbSecond(),
            Pricing.ARM64.perGbSecond(),
            Pricing.X86_64.perMillionRequests(),
            architecture));
    notes.add("Memory size restored to " + original.memorySize() + " MB.");
    return TuningReport.of(
        function,
        architecture,
        endpoint.map(URI::toString).orElse("AWS " + lambda.serviceClientConfiguration().region()),
        local,
        driver.durationSource(),
        invocations,
        concurrency,
        results,
        notes);
  }

  private void restore(LambdaWaiter waiter, int memoryMb, RuntimeException failure) {
    try {
      setMemory(waiter, memoryMb);
    } catch (RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  /** Sets the memory size and waits until Lambda says the update is applied. */
  private void setMemory(LambdaWaiter waiter, int memoryMb) {
    lambda.updateFunctionConfiguration(
        request -> request.functionName(function).memorySize(memoryMb));
    WaiterResponse<GetFunctionResponse> waited =
        waiter.waitUntilFunctionUpdatedV2(request -> request.functionName(function));
    GetFunctionResponse updated =
        waited
            .matched()
            .response()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "updating "
                            + function
                            + " to "
                            + memoryMb
                            + " MB failed: "
                            + waited
                                .matched()
                                .exception()
                                .map(Throwable::getMessage)
                                .orElse("no answer")));
    Integer applied = updated.configuration().memorySize();
    if (applied == null || applied != memoryMb) {
      throw new IllegalStateException(
          "updating "
              + function
              + " to "
              + memoryMb
              + " MB was applied but the function has "
              + applied
              + " MB");
    }
  }

  static boolean isLoopback(URI endpoint) {
    String host = endpoint.getHost();
    if (host == null) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Configures a {@link MemoryTuner}; each setter checks its value at once, and runs once. */
  public static final class Builder {
    private static final ObjectMapper STRICT_JSON =
        JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private static final String DEFAULT_PAYLOAD = "{}";
    private static final long DEFAULT_INVOCATIONS = 20;

    private final LambdaClient lambda;
    private final String function;
    private List<Integer> memorySizes;
    private String payload;
    private JsonNode payloadJson;
    private Long invocations;
    private Integer concurrency;
    private String loadTester;
    private TuningListener listener;

    private Builder(LambdaClient lambda, String function) {
      this.lambda = Objects.requireNonNull(lambda, "lambda");
      Objects.requireNonNull(function, "function");
      if (function.isBlank()) {
        throw new IllegalArgumentException("function must name a Lambda function, was blank");
      }
      this.function = function.trim();
    }

    /**
     * The memory sizes to measure, in order: required, each 128 to 10240 MB, no repeats.
     *
     * @param memorySizes the sizes in MB
     * @return this builder
     */
    public Builder memorySizes(List<Integer> memorySizes) {
      Objects.requireNonNull(memorySizes, "memorySizes");
      if (memorySizes.isEmpty()) {
        throw new IllegalArgumentException(
            "memory sizes must list at least one size, in MB from "
                + MIN_MEMORY_MB
                + " to "
                + MAX_MEMORY_MB);
      }
      Set<Integer> seen = new HashSet<>();
      for (Integer size : memorySizes) {
        Objects.requireNonNull(size, "memory size");
        if (size < MIN_MEMORY_MB || size > MAX_MEMORY_MB) {
          throw new IllegalArgumentException(
              "memory size "
                  + size
                  + " MB is outside what Lambda"
                  + " allows: "
                  + MIN_MEMORY_MB
                  + " to "
                  + MAX_MEMORY_MB
                  + " MB");
        }
        if (!seen.add(size)) {
          throw new IllegalArgumentException("memory size " + size + " MB is listed twice");
        }
      }
      this.memorySizes = setOnce("memorySizes", this.memorySizes, List.copyOf(memorySizes));
      return this;
    }

    /**
     * The event, JSON; default {@code {}}. Directly, each invocation sends it as it is; through the
     * load tester it is the {@code testPayload} (a JSON object), which the load tester sends as
     * {@code {"body": json(testPayload)}}.
     *
     * @param payload the event, JSON
     * @return this builder
     */
    public Builder payload(String payload) {
      Objects.requireNonNull(payload, "payload");
      JsonNode json;
      try {
        json = STRICT_JSON.readTree(payload);
      } catch (JacksonException e) {
        throw new IllegalArgumentException(
            "payload must be JSON, e.g. {\"operation\":"
                + " \"cpu_intensive\"}: "
                + e.getOriginalMessage());
      }
      if (json == null || json.isMissingNode()) {
        throw new IllegalArgumentException("payload must be JSON, e.g. {}, was empty");
      }
      this.payload = setOnce("payload", this.payload, payload);
      this.payloadJson = json;
      return this;
    }

    /**
     * Invocations per size, 1 to 1,000,000; default 20.
     *
     * @param invocations invocations per size
     * @return this builder
     */
    public Builder invocations(long invocations) {
      this.invocations =
          setOnce(
              "invocations",
              this.invocations,
              atLeastOne("invocations", invocations, MAX_INVOCATIONS));
      return this;
    }

    /**
     * Invocations in flight at once, 1 to 1000; default 1 (one after the other).
     *
     * @param concurrency invocations in flight
     * @return this builder
     */
    public Builder concurrency(int concurrency) {
      this.concurrency =
          setOnce(
              "concurrency",
              this.concurrency,
              (int) atLeastOne("concurrency", concurrency, MAX_CONCURRENCY));
      return this;
    }

    /**
     * Drives the function through this LoadTester function (name or ARN) instead of directly.
     *
     * @param loadTester the load tester's name or ARN
     * @return this builder
     */
    public Builder loadTester(String loadTester) {
      Objects.requireNonNull(loadTester, "loadTester");
      if (loadTester.isBlank()) {
        throw new IllegalArgumentException("load tester must name a Lambda function, was blank");
      }
      this.loadTester = setOnce("loadTester", this.loadTester, loadTester.trim());
      return this;
    }

    /**
     * Told of each size's start, progress and result.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(TuningListener listener) {
      this.listener = setOnce("listener", this.listener, listener);
      return this;
    }

    /**
     * The tuner.
     *
     * @return the configured instance
     * @throws IllegalArgumentException when no memory sizes were given, or the payload is not a
     *     JSON object while a load tester drives the function
     */
    public MemoryTuner build() {
      if (memorySizes == null) {
        throw new IllegalArgumentException(
            "memory sizes must list at least one size, in MB from "
                + MIN_MEMORY_MB
                + " to "
                + MAX_MEMORY_MB);
      }
      if (loadTester == null) {
        return new MemoryTuner(
            this,
            new DirectDriver(
                lambda,
                function,
                requireNonNullElse(payload, DEFAULT_PAYLOAD),
                invocationsOrDefault(),
                concurrencyOrDefault()));
      }
      if (payloadJson != null && !payloadJson.isObject()) {
        throw new IllegalArgumentException(
            "payload must be a JSON object when the load tester"
                + " drives the function (it is the test's testPayload), was "
                + payload);
      }
      return new MemoryTuner(
          this,
          new LoadTesterDriver(
              lambda,
              loadTester,
              function,
              requireNonNullElseGet(payloadJson, STRICT_JSON::createObjectNode),
              invocationsOrDefault(),
              concurrencyOrDefault(),
              STRICT_JSON));
    }

    /** {@code value} of option {@code name}, which must be 1 to {@code max}. */
    private static long atLeastOne(String name, long value, long max) {
      if (value < 1 || value > max) {
        throw new IllegalArgumentException(name + " must be 1 to " + max + ", was " + value);
      }
      return value;
    }

    private long invocationsOrDefault() {
      return requireNonNullElse(invocations, DEFAULT_INVOCATIONS);
    }

    private int concurrencyOrDefault() {
      return requireNonNullElse(concurrency, 1);
    }
  }
}
