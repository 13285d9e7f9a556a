package dev.perfkit.lab.local;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.local.cloudwatch.EmfLogs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local Lambda's log streams sent on as CloudWatch Logs receives a function's output: every
 * {@value #POLL_MILLIS} ms, each complete line appended to a stream file ({@code
 * <logDirectory>/<function>/<stream>.log}) goes to {@link EmfLogs} under the log group {@code
 * /aws/lambda/<function>}, which extracts its EMF document if it holds one. {@link #close()} reads
 * what was appended last.
 */
final class FunctionLogFeed implements AutoCloseable {

  static final long POLL_MILLIS = 250;
  private static final System.Logger LOG = System.getLogger(LocalLab.class.getName());

  private final Path logDirectory;
  private final EmfLogs logs;
  private final Map<Path, StreamFile> streams = new HashMap<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(DaemonThreadFactory.named("perfkit-lab-logs"));

  private FunctionLogFeed(Path logDirectory, EmfLogs logs) {
    this.logDirectory = logDirectory;
    this.logs = logs;
  }

  /** Follows the streams under {@code logDirectory} from now until {@link #close()}. */
  static FunctionLogFeed start(Path logDirectory, EmfLogs logs) {
    FunctionLogFeed feed = new FunctionLogFeed(logDirectory, logs);
    // readNewLines() reports its own failures; the schedule never ends early.
    var unused =
        feed.poller.scheduleWithFixedDelay(
            feed::readNewLines, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    return feed;
  }

  /** One stream file: how far it was read, and the start of a line not yet ended. */
  private static final class StreamFile {
    final String logGroup;
    long position;
    final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    StreamFile(String logGroup) {
      this.logGroup = logGroup;
    }
  }

  private synchronized void readNewLines() {
    try (Stream<Path> functions = Files.list(logDirectory)) {
      for (Path function : functions.filter(Files::isDirectory).toList()) {
        String logGroup = "/aws/lambda/" + function.getFileName();
        for (Path file : files(function)) {
          read(file, streams.computeIfAbsent(file, path -> new StreamFile(logGroup)));
        }
      }
    } catch (IOException | RuntimeException e) {
      // The next poll reads from where this one stopped: nothing is lost, only late.
      LOG.log(Level.WARNING, "cannot read the function logs in " + logDirectory + ": " + e);
    }
  }

  private static List<Path> files(Path function) throws IOException {
    try (Stream<Path> files = Files.list(function)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
    }
  }

  private void read(Path file, StreamFile stream) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
      while (channel.read(buffer, stream.position) > 0) {
        buffer.flip();
        stream.position += buffer.remaining();
        while (buffer.hasRemaining()) {
          byte next = buffer.get();
          if (next == '\n') {
            line(stream);
          } else {
            stream.partial.write(next);
          }
        }
        buffer.clear();
      }
    }
  }

  private void line(StreamFile stream) {
    String line = stream.partial.toString(StandardCharsets.UTF_8);
    stream.partial.reset();
    logs.accept(stream.logGroup, line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
  }

  /** Reads the lines appended since the last poll, then stops following. */
  @Override
  public void close() {
    poller.shutdownNow();
    try {
      poller.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readNewLines();
  }
}
