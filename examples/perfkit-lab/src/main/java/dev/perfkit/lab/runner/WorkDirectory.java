package dev.perfkit.lab.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** A run's temporary directory (the local Lambda's logs land in it), deleted on close. */
final class WorkDirectory implements AutoCloseable {

  private final Path path;

  private WorkDirectory(Path path) {
    this.path = path;
  }

  /** A new, empty directory under the system's temporary directory. */
  static WorkDirectory create() throws IOException {
    return new WorkDirectory(Files.createTempDirectory("perfkit-lab-run-"));
  }

  Path path() {
    return path;
  }

  /** Deletes {@code target}, then copies subdirectory {@code name} there if it exists. */
  void copy(String name, Path target) throws IOException {
    delete(target);
    Path source = path.resolve(name);
    if (!Files.isDirectory(source)) {
      return;
    }
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Deletes the directory and everything in it. */
  @Override
  public void close() throws IOException {
    delete(path);
  }

  private static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files
          .sorted(Comparator.reverseOrder())
          .forEach(
              file -> {
                try {
                  Files.delete(file);
                } catch (IOException e) {
                  throw new UncheckedIOException("cannot delete " + file, e);
                }
              });
    }
  }
}
