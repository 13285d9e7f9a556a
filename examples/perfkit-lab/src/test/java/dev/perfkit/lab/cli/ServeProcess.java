package dev.perfkit.lab.cli;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.lab.local.LabTestSupport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code perfkit-lab serve} in a JVM of its own, as a user starts it, with what it printed. Closing
 * it kills the process and everything it started, whatever the test did.
 */
final class ServeProcess implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final List<String> lines = new ArrayList<>();
  private final CountDownLatch ready = new CountDownLatch(1);
  private final CountDownLatch ended = new CountDownLatch(1);

  private ServeProcess(Process process) {
    this.process = process;
    DaemonThreadFactory.named("serve-process-output").newThread(this::read).start();
  }

  /** Starts {@code perfkit-lab serve} with {@code args} and waits for its ready line. */
  static ServeProcess start(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PerfkitLab.class.getName(),
                "serve",
                "--handlers-jar",
                LabTestSupport.handlersJar().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("XDG_CACHE_HOME", LabTestSupport.xdgCacheHome().toString());
    // A state of its own: a serve started by another test leaves its queues and tables behind.
    builder
        .environment()
        .put(
            "XDG_STATE_HOME",
            Files.createTempDirectory(LabTestSupport.handlersJar().getParent(), "xdg-state")
                .toString());
    ServeProcess serve = new ServeProcess(builder.start());
    if (!serve.ready.await(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      serve.close();
      throw new IllegalStateException(
          "serve printed no ready line within " + READY_TIMEOUT + ":\n" + serve.output());
    }
    return serve;
  }

  Process process() {
    return process;
  }

  /** Everything printed so far. */
  String output() {
    synchronized (lines) {
      return String.join("\n", lines);
    }
  }

  /** The printed lines, stripped, that start with {@code prefix}. */
  List<String> linesStartingWith(String prefix) {
    synchronized (lines) {
      return lines.stream().map(String::strip).filter(line -> line.startsWith(prefix)).toList();
    }
  }

  /** The one printed line that starts with {@code prefix}. */
  String line(String prefix) {
    List<String> found = linesStartingWith(prefix);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one line starting with '" + prefix + "', found " + found + " in:\n" + output());
    }
    return found.get(0);
  }

  /** The processes serve started that are running now: environment JVMs, dynalite. */
  List<ProcessHandle> descendants() {
    return process.descendants().filter(ProcessHandle::isAlive).toList();
  }

  /** Waits, bounded, until the output has ended (the process closed its standard output). */
  boolean awaitOutputEnd(Duration bound) throws InterruptedException {
    return ended.await(bound.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A description of {@code processes} still alive, for assertion messages. */
  static List<String> alive(List<ProcessHandle> processes) {
    return processes.stream()
        .filter(ProcessHandle::isAlive)
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
        .toList();
  }

  private void read() {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
        }
        if (line.startsWith("ready")) {
          ready.countDown();
        }
      }
    } catch (IOException e) {
      synchronized (lines) {
        lines.add("(output unreadable: " + e + ")");
      }
    } finally {
      ended.countDown();
    }
  }

  @Override
  public void close() {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
