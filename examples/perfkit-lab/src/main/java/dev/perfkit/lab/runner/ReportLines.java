package dev.perfkit.lab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The REPORT lines of one function in the local Lambda's log directory ({@code
 * logs/<function>/<stream>.log}): one per invocation that ended, a load test's progress.
 */
final class ReportLines {

  private final Path directory;

  ReportLines(Path logDirectory, String function) {
    this.directory = logDirectory.resolve(function);
  }

  /** REPORT lines written so far. */
  int count() {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    int count = 0;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        count += (int) lines(file).stream().filter(line -> line.startsWith("REPORT ")).count();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + directory, e);
    }
    return count;
  }

  private static List<String> lines(Path file) throws IOException {
    try {
      return Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      // Gone between listing and reading: nothing to count.
      return List.of();
    }
  }
}
