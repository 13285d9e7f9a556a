package dev.perfkit.handlers.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real DynamoDB stand-in: dynalite (npm, pinned in {@code src/test/dynalite/package-lock.json})
 * started with Node.js on a free loopback port, in memory, and stopped on {@link #close()}.
 *
 * <p>The npm packages are installed with {@code npm ci} on first use.
 */
public final class Dynalite implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private final Process process;
  private final URI endpoint;

  private Dynalite(Process process, int port) {
    this.process = process;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
  }

  /** Installs dynalite if needed and starts it; fails with a message saying what is missing. */
  public static Dynalite start() {
    Path dir = packageDir();
    install(dir);
    int port = freePort();
    Path log = dir.resolve("dynalite-" + port + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
                "node",
                dir.resolve("node_modules/dynalite/cli.js").toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--createTableMs",
                "0",
                "--deleteTableMs",
                "0",
                "--updateTableMs",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start dynalite: is Node.js (node) on the PATH?", e);
    }
    Dynalite dynalite = new Dynalite(process, port);
    dynalite.awaitListening(log);
    return dynalite;
  }

  /**
   * The endpoint to give the SDK's {@code endpointOverride} or {@code AWS_ENDPOINT_URL_DYNAMODB}.
   */
  public URI endpoint() {
    return endpoint;
  }

  /** The process id of dynalite's Node.js process, e.g. for a test that kills it. */
  public long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private void awaitListening(Path log) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "dynalite exited with " + process.exitValue() + "; its output: " + read(log));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", endpoint.getPort()), 200);
        return;
      } catch (IOException notYet) {
        try {
          process.waitFor(50, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    close();
    throw new IllegalStateException(
        "dynalite did not listen on " + endpoint + " within " + START_TIMEOUT + ": " + read(log));
  }

  private static void install(Path dir) {
    Path cli = dir.resolve("node_modules/dynalite/cli.js");
    // Serialises concurrent installs (parallel test JVMs, benchmark forks).
    try (FileChannel channel =
            FileChannel.open(
                dir.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (Files.exists(cli)) {
        return;
      }
      Process npm =
          new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("npm-ci.log").toFile())
              .start();
      if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        npm.destroyForcibly();
        throw new IllegalStateException(
            "npm ci in " + dir + " took longer than " + INSTALL_TIMEOUT);
      }
      if (npm.exitValue() != 0 || !Files.exists(cli)) {
        throw new IllegalStateException(
            "npm ci in " + dir + " failed: " + read(dir.resolve("npm-ci.log")));
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot install dynalite in " + dir + ": are Node.js and npm on the PATH?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing dynalite", e);
    }
  }

  /**
   * The folder of the pinned package.json: {@code -Dperfkit.dynalite.dir}, else found from the
   * working directory (a module folder or the project root).
   */
  private static Path packageDir() {
    String configured = System.getProperty("perfkit.dynalite.dir");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath();
    }
    Path relative = Path.of("perfkit-handlers", "src", "test", "dynalite", "package.json");
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative).getParent();
      }
    }
    throw new IllegalStateException(
        "cannot find "
            + relative
            + " above "
            + Path.of("").toAbsolutePath()
            + "; set -Dperfkit.dynalite.dir to the folder of dynalite's package.json");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file) : "(no output)";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
