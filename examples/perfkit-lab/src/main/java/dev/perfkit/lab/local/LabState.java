package dev.perfkit.lab.local;

import dev.perfkit.local.sqs.LocalSqs;
import dev.perfkit.local.sqs.MessagesAtStop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What the lab keeps across a stop, in its state directory: the queues with their messages
 * (ElasticMQ's store, {@code sqs/}) and DynamoDB's tables with their items (dynalite's LevelDB,
 * {@code dynamodb/}). Without a directory both are in memory; the stop says what it lost.
 */
final class LabState {

  private final Optional<Path> directory;
  private final Consumer<String> progress;

  private LabState(Optional<Path> directory, Consumer<String> progress) {
    this.directory = directory;
    this.progress = progress;
  }

  /** The state of one start; a clean start deletes what the directory kept first. */
  static LabState prepare(Optional<Path> directory, boolean clean, Consumer<String> progress) {
    LabState state = new LabState(directory.map(Path::toAbsolutePath), progress);
    if (clean && state.directory.isPresent()) {
      for (Path kept : List.of(state.sqs().orElseThrow(), state.dynamo().orElseThrow())) {
        deleteRecursively(kept);
      }
      progress.accept(
          "starting clean: the queues, messages and tables kept in "
              + state.directory.get()
              + " are deleted");
    } else if (state.directory.isPresent()) {
      progress.accept(
          "keeping the queues, messages and tables in "
              + state.directory.get()
              + " (those of the last stop are restored)");
    }
    return state;
  }

  /** ElasticMQ's store. */
  Optional<Path> sqs() {
    return directory.map(dir -> dir.resolve("sqs"));
  }

  /** dynalite's data. */
  Optional<Path> dynamo() {
    return directory.map(dir -> dir.resolve("dynamodb"));
  }

  /** Stops SQS and tells how many of its messages were kept and lost. */
  void stop(LocalSqs sqs) {
    MessagesAtStop messages = sqs.stop();
    if (directory.isPresent()) {
      progress.accept(
          "SQS: "
              + messages.held()
              + " messages in the queues at the stop, "
              + messages.kept()
              + " kept in "
              + sqs().orElseThrow()
              + ", "
              + messages.lost()
              + " lost");
    } else {
      progress.accept(
          "SQS: "
              + messages.held()
              + " messages in the queues at the stop, "
              + messages.lost()
              + " lost (in memory: a state directory keeps them)");
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root + " for a clean start", e);
    }
  }
}
