package dev.perfkit.lab.tune;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A memory tuning run: one {@link SizeResult} per memory size, and three choices among the sizes
 * that succeeded, priced at the function's architecture:
 *
 * <ul>
 *   <li>cheapest: the lowest cost per million invocations (ties: the lower p95);
 *   <li>fastest: the lowest p95 duration (ties: the cheaper);
 *   <li>balanced: aws-lambda-power-tuning's "balanced" strategy at its default weight 0.5, on p95:
 *       the lowest {@code 0.5 * cost / maxCost + 0.5 * p95 / maxP95}, both maxima over the sizes
 *       measured (ties: the cheaper).
 * </ul>
 *
 * @param function the function tuned
 * @param architecture its architecture, {@code x86_64} or {@code arm64}: the price of the choices
 * @param endpoint where it ran: the endpoint URL, or {@code AWS <region>}
 * @param local true when the endpoint is on this machine (loopback)
 * @param durationSource where durations come from
 * @param invocationsPerSize invocations sent at each size
 * @param concurrency invocations in flight at once
 * @param sizes the results, in the order the sizes were given
 * @param cheapestMb the cheapest size, null when no size succeeded
 * @param fastestMb the fastest size, null when no size succeeded
 * @param balancedMb the balanced size, null when no size succeeded
 * @param notes what the reader must know to read the figures
 */
@JsonPropertyOrder({
  "function", "architecture", "endpoint", "local", "duration_source", "invocations_per_size",
  "concurrency", "sizes", "cheapest_mb", "fastest_mb", "balanced_mb", "notes"
})
public record TuningReport(
    @JsonProperty("function") String function,
    @JsonProperty("architecture") String architecture,
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("local") boolean local,
    @JsonProperty("duration_source") String durationSource,
    @JsonProperty("invocations_per_size") long invocationsPerSize,
    @JsonProperty("concurrency") int concurrency,
    @JsonProperty("sizes") List<SizeResult> sizes,
    @JsonProperty("cheapest_mb") Integer cheapestMb,
    @JsonProperty("fastest_mb") Integer fastestMb,
    @JsonProperty("balanced_mb") Integer balancedMb,
    @JsonProperty("notes") List<String> notes) {

  /** What a local run must say: its durations cannot rank memory sizes. */
  public static final String LOCAL_NOTE =
      "Local run: CPU does not scale with memory here. Every environment JVM may use all of this"
          + " machine's cores whatever its memory size (only its heap, -Xmx, follows it), while"
          + " Lambda gives CPU in proportion to memory; so only runs on AWS rank memory sizes by"
          + " speed. The costs apply Lambda's prices to local durations.";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Checks and copies the lists. */
  public TuningReport {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(durationSource, "durationSource");
    sizes = List.copyOf(Objects.requireNonNull(sizes, "sizes"));
    notes = List.copyOf(Objects.requireNonNull(notes, "notes"));
  }

  /** A report with the choices computed from {@code sizes}. */
  static TuningReport of(
      String function,
      String architecture,
      String endpoint,
      boolean local,
      String durationSource,
      long invocationsPerSize,
      int concurrency,
      List<SizeResult> sizes,
      List<String> notes) {
    List<SizeResult> measured = sizes.stream().filter(SizeResult::measured).toList();
    Comparator<SizeResult> byCost = Comparator.comparingDouble(s -> s.costPerMillion(architecture));
    Comparator<SizeResult> byP95 = Comparator.comparingDouble(SizeResult::p95Ms);
    Optional<SizeResult> cheapest = measured.stream().min(byCost.thenComparing(byP95));
    Optional<SizeResult> fastest = measured.stream().min(byP95.thenComparing(byCost));
    double maxCost =
        measured.stream().mapToDouble(s -> s.costPerMillion(architecture)).max().orElse(1);
    double maxP95 = measured.stream().mapToDouble(SizeResult::p95Ms).max().orElse(1);
    Comparator<SizeResult> byBalance =
        Comparator.comparingDouble(
            s ->
                0.5 * ratio(s.costPerMillion(architecture), maxCost)
                    + 0.5 * ratio(s.p95Ms(), maxP95));
    Optional<SizeResult> balanced = measured.stream().min(byBalance.thenComparing(byCost));
    return new TuningReport(
        function,
        architecture,
        endpoint,
        local,
        durationSource,
        invocationsPerSize,
        concurrency,
        sizes,
        cheapest.map(SizeResult::memoryMb).orElse(null),
        fastest.map(SizeResult::memoryMb).orElse(null),
        balanced.map(SizeResult::memoryMb).orElse(null),
        notes);
  }

  private static double ratio(double value, double max) {
    return max > 0 ? value / max : 0;
  }

  /** The report as pretty-printed JSON, snake_case fields. */
  public String toJson() {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the tuning report as JSON", e);
    }
  }

  /** The report as a text table, the choices and the notes. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "Memory tuning of %s (%s) at %s%n", function, architecture, endpoint));
    out.append(
        String.format(
            Locale.ROOT,
            "%d invocations per size, %d at a time; durations: %s%n%n",
            invocationsPerSize,
            concurrency,
            durationSource));
    out.append(
        String.format(
            Locale.ROOT,
            "%8s %9s %9s %9s %6s %7s %9s %14s %14s%n",
            "Memory",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "Cold",
            "Failed",
            "Throttled",
            "$/1M x86_64",
            "$/1M arm64"));
    for (SizeResult size : sizes) {
      out.append(
          String.format(
              Locale.ROOT,
              "%5d MB %9s %9s %9s %6s %7d %9d %14s %14s%n",
              size.memoryMb(),
              millis(size.p50Ms()),
              millis(size.p95Ms()),
              millis(size.p99Ms()),
              size.coldStarts() == null ? "n/a" : size.coldStarts().toString(),
              size.failed(),
              size.throttled(),
              dollars(size.costPerMillionX86()),
              dollars(size.costPerMillionArm64())));
    }
    out.append('\n');
    if (cheapestMb == null) {
      out.append("No size had a successful invocation: nothing to choose from.\n");
    } else {
      SizeResult cheapest = size(cheapestMb);
      SizeResult fastest = size(fastestMb);
      out.append(
          String.format(
              Locale.ROOT,
              "Cheapest: %d MB ($%.4f per 1M invocations on %s)%n",
              cheapestMb,
              cheapest.costPerMillion(architecture),
              architecture));
      out.append(
          String.format(
              Locale.ROOT, "Fastest:  %d MB (p95 %.2f ms)%n", fastestMb, fastest.p95Ms()));
      out.append(
          String.format(
              Locale.ROOT,
              "Balanced: %d MB (lowest 0.5 x cost/max cost + 0.5 x"
                  + " p95/max p95, as aws-lambda-power-tuning's balanced strategy)%n",
              balancedMb));
    }
    for (SizeResult size : sizes) {
      if (size.firstError() != null) {
        out.append(
            String.format(
                Locale.ROOT, "First failure at %d MB: %s%n", size.memoryMb(), size.firstError()));
      }
    }
    notes.forEach(note -> out.append("Note: ").append(note).append('\n'));
    return out.toString();
  }

  private SizeResult size(int memoryMb) {
    return sizes.stream().filter(s -> s.memoryMb() == memoryMb).findFirst().orElseThrow();
  }

  private static String millis(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String dollars(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
  }
}
