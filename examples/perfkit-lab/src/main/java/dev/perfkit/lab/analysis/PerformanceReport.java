package dev.perfkit.lab.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The lab's performance analysis for the stack's functions, printable as a table or as JSON.
 *
 * @param source where the figures come from, e.g. {@code CloudWatch us-east-1}
 * @param window the time window analysed, in words
 * @param functions one report per function
 * @param prices the prices of the cost estimate
 * @param notes what the reader should know about the figures, e.g. files that were skipped
 */
public record PerformanceReport(
    String source,
    String window,
    List<FunctionReport> functions,
    LambdaPrices prices,
    List<String> notes) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Validates the report. */
  public PerformanceReport {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(prices, "prices");
    functions = List.copyOf(functions);
    notes = List.copyOf(notes);
  }

  /** The report as the lab prints it, one block per function. */
  public String toTable() {
    StringBuilder out = new StringBuilder();
    out.append("Performance Analysis Report\n")
        .append("=".repeat(50))
        .append('\n')
        .append("Source: ")
        .append(source)
        .append('\n')
        .append("Window: ")
        .append(window)
        .append('\n');
    for (FunctionReport f : functions) {
      out.append('\n')
          .append("Function: ")
          .append(f.functionName())
          .append(" (")
          .append(f.memoryMb())
          .append(" MB)\n");
      rows(f)
          .forEach(
              (label, value) ->
                  out.append(String.format(Locale.ROOT, "%-18s%s\n", label + ":", value)));
    }
    out.append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "Cost at $%s per GB-second and $%.2f per million requests; provisioned concurrency"
                    + " and the API cache are billed apart.\n",
                BigDecimal.valueOf(prices.perGbSecond()).toPlainString(),
                prices.perMillionRequests()));
    for (String note : notes) {
      out.append("Note: ").append(note).append('\n');
    }
    return out.toString();
  }

  /** The report as JSON; figures the source cannot tell are {@code null}. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", source).put("window", window);
    ObjectNode pricing = root.putObject("prices");
    pricing
        .put("per_gb_second_usd", prices.perGbSecond())
        .put("per_million_requests_usd", prices.perMillionRequests());
    ArrayNode list = root.putArray("functions");
    for (FunctionReport f : functions) {
      ObjectNode node = list.addObject();
      node.put("function_name", f.functionName())
          .put("memory_mb", f.memoryMb())
          .put("invocations", f.invocations());
      put(node, "avg_duration_ms", f.averageDurationMs());
      put(node, "max_duration_ms", f.maxDurationMs());
      put(node, "min_duration_ms", f.minDurationMs());
      put(node, "p95_duration_ms", f.p95DurationMs());
      put(node, "p99_duration_ms", f.p99DurationMs());
      put(node, "max_concurrency", f.maxConcurrency());
      node.put("total_errors", f.errors());
      put(node, "throttles", f.throttles());
      node.put("cold_starts", f.coldStarts())
          .put("gb_seconds", f.gbSeconds())
          .put("estimated_cost_usd", f.estimatedCostUsd(prices));
    }
    ArrayNode noteList = root.putArray("notes");
    notes.forEach(noteList::add);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes failed to serialise", e);
    }
  }

  /**
   * Where {@code other} tells another figure than this report, as the tables print them: one line
   * per figure, e.g. {@code fn: Max Concurrency 5 here, n/a in logs}.
   *
   * @param other a report of the same functions from another source
   * @param here this report's source in a word or two
   * @param there {@code other}'s
   * @return the figures that differ, in table order; empty when none does
   */
  public List<String> differences(PerformanceReport other, String here, String there) {
    Objects.requireNonNull(other, "other");
    List<String> differences = new ArrayList<>();
    for (FunctionReport mine : functions) {
      Optional<FunctionReport> theirs =
          other.functions.stream()
              .filter(f -> f.functionName().equals(mine.functionName()))
              .findFirst();
      if (theirs.isEmpty()) {
        differences.add(mine.functionName() + ": not in " + there);
        continue;
      }
      Map<String, String> otherRows = other.rows(theirs.get());
      rows(mine)
          .forEach(
              (label, value) -> {
                if (!value.equals(otherRows.get(label))) {
                  differences.add(
                      mine.functionName()
                          + ": "
                          + label
                          + " "
                          + value
                          + " "
                          + here
                          + ", "
                          + otherRows.get(label)
                          + " "
                          + there);
                }
              });
    }
    return differences;
  }

  /** A function's figures as the table prints them, by label, in table order. */
  private Map<String, String> rows(FunctionReport f) {
    Map<String, String> rows = new LinkedHashMap<>();
    rows.put("Invocations", Long.toString(f.invocations()));
    rows.put("Average Duration", ms(f.averageDurationMs()));
    rows.put("Max Duration", ms(f.maxDurationMs()));
    rows.put("Min Duration", ms(f.minDurationMs()));
    rows.put("p95 Duration", ms(f.p95DurationMs()));
    rows.put("p99 Duration", ms(f.p99DurationMs()));
    rows.put(
        "Max Concurrency",
        f.maxConcurrency().isPresent()
            ? String.format(Locale.ROOT, "%.0f", f.maxConcurrency().getAsDouble())
            : "n/a");
    rows.put("Total Errors", Long.toString(f.errors()));
    rows.put(
        "Throttles", f.throttles().isPresent() ? Long.toString(f.throttles().getAsLong()) : "n/a");
    rows.put("Cold Starts", Long.toString(f.coldStarts()));
    rows.put("GB-seconds", String.format(Locale.ROOT, "%.3f", f.gbSeconds()));
    rows.put("Estimated Cost", String.format(Locale.ROOT, "$%.6f", f.estimatedCostUsd(prices)));
    return rows;
  }

  private static String ms(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.2f ms", value.getAsDouble()) : "n/a";
  }

  private static void put(ObjectNode node, String field, OptionalDouble value) {
    if (value.isPresent()) {
      node.put(field, value.getAsDouble());
    } else {
      node.putNull(field);
    }
  }

  private static void put(ObjectNode node, String field, OptionalLong value) {
    if (value.isPresent()) {
      node.put(field, value.getAsLong());
    } else {
      node.putNull(field);
    }
  }
}
