package dev.perfkit.examples.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The REPORT lines of one function in the local Lambda's log directory ({@code
 * logs/<function>/<stream>.log}): how many invocations ended, and their billed durations.
 */
final class ReportLines {

  /** One REPORT line. */
  record Report(double billedMs, int memoryMb, boolean initialized) {}

  private static final Pattern REPORT = Pattern.compile(
      "REPORT RequestId: \\S+\\s+Duration: [0-9.]+ ms\\s+Billed Duration: ([0-9]+) ms"
          + "\\s+Memory Size: ([0-9]+) MB.*");

  private final Path directory;

  ReportLines(Path logDirectory, String function) {
    this.directory = logDirectory.resolve(function);
  }

  /** Every REPORT line written so far. */
  List<Report> read() {
    List<Report> reports = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return reports;
    }
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        for (String line : lines(file)) {
          Matcher matcher = REPORT.matcher(line);
          if (matcher.matches()) {
            reports.add(new Report(Double.parseDouble(matcher.group(1)),
                Integer.parseInt(matcher.group(2)), line.contains("Init Duration:")));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + directory, e);
    }
    return reports;
  }

  private static List<String> lines(Path file) throws IOException {
    try {
      return Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      // An environment's log can go between listing and reading only if its directory is
      // cleaned up: it has no REPORT lines to count.
      return List.of();
    }
  }
}
