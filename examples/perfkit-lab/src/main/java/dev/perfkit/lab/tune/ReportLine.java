package dev.perfkit.lab.tune;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one invocation's report, as Lambda writes it at the end of the invocation's log
 * (and of the tail an Invoke with {@code LogType: Tail} returns). In the text log format: {@code
 * REPORT RequestId: id\tDuration: 2.56 ms\tBilled Duration: 3 ms\tMemory Size: 512 MB\tMax Memory
 * Used: 69 MB\tInit Duration: 160.05 ms}; in the JSON log format, a {@code platform.report} event
 * whose {@code record.metrics} hold durationMs, billedDurationMs, memorySizeMB and initDurationMs.
 * The init duration is there on a cold start only.
 */
record ReportLine(double durationMs, long billedMs, int memoryMb, OptionalDouble initDurationMs) {

  private static final Pattern REPORT =
      Pattern.compile(
          "REPORT RequestId: \\S+\\s+Duration: ([0-9.]+) ms\\s+Billed Duration: ([0-9]+) ms"
              + "\\s+Memory Size: ([0-9]+) MB(.*)");
  private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The last report of a log, if it has one. */
  static Optional<ReportLine> lastIn(String log) {
    ReportLine last = null;
    for (String line : log.split("\n", -1)) {
      Optional<ReportLine> report = text(line).or(() -> json(line));
      if (report.isPresent()) {
        last = report.get();
      }
    }
    return Optional.ofNullable(last);
  }

  private static Optional<ReportLine> text(String line) {
    Matcher report = REPORT.matcher(line);
    if (!report.find()) {
      return Optional.empty();
    }
    Matcher init = INIT.matcher(report.group(4));
    return Optional.of(
        new ReportLine(
            Double.parseDouble(report.group(1)),
            Long.parseLong(report.group(2)),
            Integer.parseInt(report.group(3)),
            init.find()
                ? OptionalDouble.of(Double.parseDouble(init.group(1)))
                : OptionalDouble.empty()));
  }

  private static Optional<ReportLine> json(String line) {
    String trimmed = line.trim();
    if (!trimmed.startsWith("{") || !trimmed.contains("\"platform.report\"")) {
      return Optional.empty();
    }
    JsonNode metrics;
    try {
      JsonNode event = JSON.readTree(trimmed);
      if (!"platform.report".equals(event.path("type").asText())) {
        return Optional.empty();
      }
      metrics = event.path("record").path("metrics");
    } catch (JacksonException e) {
      return Optional.empty();
    }
    if (!metrics.path("durationMs").isNumber()
        || !metrics.path("billedDurationMs").isNumber()
        || !metrics.path("memorySizeMB").isNumber()) {
      return Optional.empty();
    }
    JsonNode init = metrics.path("initDurationMs");
    return Optional.of(
        new ReportLine(
            metrics.path("durationMs").asDouble(),
            (long) Math.ceil(metrics.path("billedDurationMs").asDouble()),
            metrics.path("memorySizeMB").asInt(),
            init.isNumber() ? OptionalDouble.of(init.asDouble()) : OptionalDouble.empty()));
  }

  /** Whether the invocation started its environment (a cold start). */
  boolean coldStart() {
    return initDurationMs.isPresent();
  }
}
