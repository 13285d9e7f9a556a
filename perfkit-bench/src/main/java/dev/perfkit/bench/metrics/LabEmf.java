package dev.perfkit.bench.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.perfkit.bench.LabMetricDocument;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab's {@code put_custom_metric}, ported line by line: one EMF document per metric, each a
 * fresh map serialised with Jackson and printed. Python's {@code json.dumps} reuses one encoder, so
 * the port reuses one {@link ObjectWriter}, set to write what {@code json.dumps} writes with its
 * defaults: {@code ", "} between items, {@code ": "} after a key, non-ASCII escaped.
 */
final class LabEmf {

  private final ObjectWriter writer =
      JsonMapper.builder()
          .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
          .build()
          .writer(new PythonSeparators());
  private final PrintStream out;

  LabEmf(PrintStream out) {
    this.out = out;
  }

  /** The metrics of the lab's handler and its database_batch operation, in the lab's order. */
  void flush(Invocation in) {
    if (in.coldStart) {
      putCustomMetric("ColdStarts", 1, "Count", Map.of("FunctionName", in.functionName));
    }
    Map<String, String> dimensions = new LinkedHashMap<>();
    dimensions.put("FunctionName", in.functionName);
    dimensions.put("Operation", in.operation);
    dimensions.put("ColdStart", in.coldStart ? "True" : "False");
    dimensions.put("MemorySize", Long.toString(in.memorySizeMb));
    putCustomMetric("BatchProcessingTime", in.batchProcessingTimeMs, "Milliseconds", dimensions);
    putCustomMetric("RecordsProcessed", in.recordsProcessed, "Count", dimensions);
    putCustomMetric("ExecutionTime", in.executionTimeMs, "Milliseconds", dimensions);
    putCustomMetric("RemainingTime", (long) in.remainingTimeMs, "Milliseconds", dimensions);
    putCustomMetric("MemoryUtilization", in.memoryUtilizationPercent, "Percent", dimensions);
    putCustomMetric("SuccessfulInvocations", 1, "Count", dimensions);
  }

  private void putCustomMetric(
      String metricName, Number value, String unit, Map<String, String> dimensions) {
    Map<String, Object> emfLog = LabMetricDocument.of(metricName, value, unit, dimensions);
    try {
      out.println(writer.writeValueAsString(emfLog));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not serialise metric " + metricName, e);
    }
  }

  /** {@code json.dumps}' default separators, {@code (", ", ": ")}. */
  private static final class PythonSeparators extends MinimalPrettyPrinter {
    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator generator) throws IOException {
      generator.writeRaw(": ");
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator generator) throws IOException {
      generator.writeRaw(", ");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator generator) throws IOException {
      generator.writeRaw(", ");
    }
  }
}
