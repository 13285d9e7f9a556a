package dev.perfkit.lab.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.handlers.LabMetrics;
import dev.perfkit.lab.stack.FunctionSpec;
import dev.perfkit.lab.stack.LabStack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.HdrHistogram.Histogram;

/**
 * The performance report from Lambda logs, so that it needs no account: the local lab's output, or
 * a CloudWatch Logs export. Each invocation's {@code REPORT} line gives its duration, billed
 * duration, memory and (on a cold start) init duration; the functions' EMF documents give their
 * {@code Errors} and {@code ColdStarts}. A leading timestamp on a line (as in exports) lets the
 * report count concurrency too.
 *
 * <p>Logs are per function, as CloudWatch keeps them: a file belongs to the function whose name is
 * in its path ({@code user3-performance-function.log}, or an export's {@code
 * .../aws/lambda/user3-performance-function/.../000000.gz}).
 */
public final class LambdaLogs {

  private static final Pattern REPORT =
      Pattern.compile(
          "REPORT RequestId: (\\S+)\\s+Duration: ([0-9.]+) ms\\s+Billed Duration: ([0-9]+) ms"
              + "\\s+Memory Size: ([0-9]+) MB(?:\\s+Max Memory Used: [0-9]+ MB)?"
              + "(?:\\s+Init Duration: ([0-9.]+) ms)?(?:\\s+Status: (\\S+))?");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LambdaPrices prices;

  /** A source that estimates cost at {@code prices}. */
  public LambdaLogs(LambdaPrices prices) {
    this.prices = Objects.requireNonNull(prices, "prices");
  }

  /**
   * Reports the stack's performance function and SQS function from the log files at {@code paths}
   * (files, or directories read recursively).
   *
   * @throws UncheckedIOException when a file cannot be read
   * @throws IllegalArgumentException when a path does not exist
   */
  public PerformanceReport report(LabStack stack, List<Path> paths) {
    Objects.requireNonNull(stack, "stack");
    Objects.requireNonNull(paths, "paths");
    List<FunctionSpec> functions = List.of(stack.performanceFunction(), stack.sqsScaler());
    Map<String, Tally> tallies = new LinkedHashMap<>();
    functions.forEach(f -> tallies.put(f.name(), new Tally(f.memoryMb())));
    List<String> notes = new ArrayList<>();
    for (Path file : files(paths)) {
      String path = file.toString();
      String owner =
          functions.stream()
              .map(FunctionSpec::name)
              .filter(path::contains)
              .max(Comparator.comparingInt(String::length))
              .orElse(null);
      if (owner == null) {
        notes.add(
            "skipped "
                + file
                + ": its path names neither "
                + String.join(" nor ", tallies.keySet()));
        continue;
      }
      try (BufferedReader reader = open(file)) {
        reader.lines().forEach(tallies.get(owner)::read);
      } catch (IOException e) {
        throw new UncheckedIOException("reading " + file, e);
      }
    }
    List<FunctionReport> reports = new ArrayList<>();
    tallies.forEach((name, tally) -> reports.add(tally.report(name)));
    Instant first =
        tallies.values().stream()
            .map(t -> t.first)
            .filter(Objects::nonNull)
            .min(Comparator.naturalOrder())
            .orElse(null);
    Instant last =
        tallies.values().stream()
            .map(t -> t.last)
            .filter(Objects::nonNull)
            .max(Comparator.naturalOrder())
            .orElse(null);
    notes.add(
        "throttled invocations never run, so logs cannot count them; errors are the"
            + " functions' EMF Errors plus REPORT lines with a Status (timeouts, crashes)");
    return new PerformanceReport(
        "logs " + paths,
        first == null ? "the whole files (their lines carry no timestamps)" : first + " to " + last,
        reports,
        prices,
        notes);
  }

  /** Opens a log file; CloudWatch Logs exports to S3 are gzipped. */
  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static List<Path> files(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new IllegalArgumentException("log path " + path + " does not exist");
      }
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("listing " + path, e);
      }
    }
    return files;
  }

  /** What the lines of one function's logs add up to. */
  private static final class Tally {
    private final int defaultMemoryMb;
    private final Histogram durationsMicros = new Histogram(3);
    private final List<Instant[]> intervals = new ArrayList<>();
    private boolean everyReportTimed = true;
    private long invocations;
    private double durationSumMs;
    private double maxMs = Double.NEGATIVE_INFINITY;
    private double minMs = Double.POSITIVE_INFINITY;
    private double gbSeconds;
    private long initDurations;
    private long failedReports;
    private long emfErrors;
    private long emfColdStarts;
    private boolean emfColdStartsSeen;
    private int memoryMb;
    private Instant first;
    private Instant last;

    Tally(int defaultMemoryMb) {
      this.defaultMemoryMb = defaultMemoryMb;
    }

    void read(String line) {
      Instant timestamp = leadingTimestamp(line);
      if (timestamp != null) {
        first = first == null || timestamp.isBefore(first) ? timestamp : first;
        last = last == null || timestamp.isAfter(last) ? timestamp : last;
      }
      Matcher report = REPORT.matcher(line);
      if (report.find()) {
        readReport(report, timestamp);
        return;
      }
      int brace = line.indexOf('{');
      if (brace >= 0) {
        readEmf(line.substring(brace));
      }
    }

    private void readReport(Matcher report, Instant timestamp) {
      double durationMs = Double.parseDouble(report.group(2));
      long billedMs = Long.parseLong(report.group(3));
      memoryMb = Integer.parseInt(report.group(4));
      invocations++;
      durationSumMs += durationMs;
      maxMs = Math.max(maxMs, durationMs);
      minMs = Math.min(minMs, durationMs);
      durationsMicros.recordValue(Math.round(durationMs * 1000));
      gbSeconds += billedMs / 1000.0 * memoryMb / 1024.0;
      if (report.group(5) != null) {
        initDurations++;
      }
      if (report.group(6) != null) {
        failedReports++;
      }
      if (timestamp == null) {
        everyReportTimed = false;
      } else {
        Instant start = timestamp.minusNanos(Math.round(durationMs * 1_000_000));
        intervals.add(new Instant[] {start, timestamp});
      }
    }

    private void readEmf(String json) {
      JsonNode document;
      try {
        document = JSON.readTree(json);
      } catch (JsonProcessingException notJson) {
        return;
      }
      JsonNode directives = document.path("_aws").path("CloudWatchMetrics");
      Set<String> names = new HashSet<>();
      directives.forEach(d -> d.path("Metrics").forEach(m -> names.add(m.path("Name").asText())));
      if (names.contains(LabMetrics.ERRORS.name())) {
        emfErrors += Math.round(sum(document.path(LabMetrics.ERRORS.name())));
      }
      if (names.contains(LabMetrics.COLD_STARTS.name())) {
        emfColdStarts += Math.round(sum(document.path(LabMetrics.COLD_STARTS.name())));
        emfColdStartsSeen = true;
      }
    }

    FunctionReport report(String functionName) {
      boolean any = invocations > 0;
      return new FunctionReport(
          functionName,
          memoryMb > 0 ? memoryMb : defaultMemoryMb,
          invocations,
          any ? OptionalDouble.of(durationSumMs / invocations) : OptionalDouble.empty(),
          any ? OptionalDouble.of(maxMs) : OptionalDouble.empty(),
          any ? OptionalDouble.of(minMs) : OptionalDouble.empty(),
          any ? OptionalDouble.of(percentileMs(95)) : OptionalDouble.empty(),
          any ? OptionalDouble.of(percentileMs(99)) : OptionalDouble.empty(),
          any && everyReportTimed ? OptionalDouble.of(maxOverlap()) : OptionalDouble.empty(),
          emfErrors + failedReports,
          OptionalLong.empty(),
          emfColdStartsSeen ? emfColdStarts : initDurations,
          gbSeconds);
    }

    private double percentileMs(double percentile) {
      return durationsMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The most invocations running at one instant, from their start and end times. */
    private int maxOverlap() {
      List<long[]> events = new ArrayList<>();
      for (Instant[] interval : intervals) {
        events.add(new long[] {toNanos(interval[0]), 1});
        events.add(new long[] {toNanos(interval[1]), -1});
      }
      // At equal times an end comes before a start: back-to-back calls did not overlap.
      events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
      int running = 0;
      int most = 0;
      for (long[] event : events) {
        running += (int) event[1];
        most = Math.max(most, running);
      }
      return most;
    }

    private static long toNanos(Instant instant) {
      return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static double sum(JsonNode value) {
      if (value.isArray()) {
        double total = 0;
        for (JsonNode element : value) {
          total += element.asDouble();
        }
        return total;
      }
      return value.asDouble();
    }

    private static Instant leadingTimestamp(String line) {
      int space = line.indexOf(' ');
      String token = space < 0 ? line : line.substring(0, space);
      if (token.isEmpty() || !Character.isDigit(token.charAt(0))) {
        return null;
      }
      try {
        return OffsetDateTime.parse(token).toInstant();
      } catch (DateTimeParseException notATimestamp) {
        return null;
      }
    }
  }
}
