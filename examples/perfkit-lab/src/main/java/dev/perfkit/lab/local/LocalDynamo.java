package dev.perfkit.lab.local;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.lab.stack.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB on loopback for the lab: dynalite (npm, installed by {@link DynaliteInstall}) under
 * Node.js, its tables in LevelDB under a data directory, or in memory without one. Dynalite exits
 * when its standard input closes, so it stops with this JVM even when that is killed.
 *
 * <p>Supervised: when dynalite ends while the lab runs (killed, crashed), its exit is reported and
 * it starts again on the same port, so the functions' endpoint stays valid; with a data directory
 * its tables and items are still there, in memory they are lost and the table is created again.
 */
final class LocalDynamo implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final int OUTPUT_LINES_KEPT = 40;

  /** Restarts in a row that may fail to listen before supervision gives up. */
  private static final int RESTART_ATTEMPTS = 3;

  private final Path installDirectory;
  private final Optional<Path> dataDirectory;
  private final Table table;
  private final Consumer<String> progress;
  private final int port;
  private final URI endpoint;
  private volatile Process process;
  private volatile boolean closed;

  private LocalDynamo(
      Path installDirectory,
      Optional<Path> dataDirectory,
      Table table,
      Consumer<String> progress,
      Process process,
      int port) {
    this.installDirectory = installDirectory;
    this.dataDirectory = dataDirectory;
    this.table = table;
    this.progress = progress;
    this.process = process;
    this.port = port;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
  }

  /**
   * Installs dynalite under {@code cacheRoot} if needed, starts it, creates {@code table} unless
   * the data directory has it already, and supervises it.
   *
   * @param dataDirectory where dynalite keeps its LevelDB data; empty to keep it in memory
   * @param progress told each step, and each exit and restart of dynalite
   * @throws DynamoUnavailableException saying why it could not start: Node.js or npm missing, the
   *     install failing (e.g. no access to the npm registry), dynalite not listening
   */
  static LocalDynamo start(
      Path cacheRoot, Table table, Optional<Path> dataDirectory, Consumer<String> progress) {
    Path dir = DynaliteInstall.into(cacheRoot, progress);
    Launched launched = launch(dir, 0, dataDirectory);
    LocalDynamo dynamo =
        new LocalDynamo(dir, dataDirectory, table, progress, launched.process, launched.port);
    try {
      dynamo.createTable();
    } catch (RuntimeException e) {
      dynamo.close();
      throw new DynamoUnavailableException(
          "dynalite did not create table " + table.name() + ": " + e.getMessage(), e);
    }
    dynamo.supervise(launched.process);
    return dynamo;
  }

  /** The endpoint, for {@code AWS_ENDPOINT_URL_DYNAMODB} or an SDK endpoint override. */
  URI endpoint() {
    return endpoint;
  }

  /** The pid of the dynalite process now serving. */
  long pid() {
    return process.pid();
  }

  @Override
  public void close() {
    closed = true;
    stop(process);
  }

  private void supervise(Process watched) {
    var unused =
        watched
            .onExit()
            .thenRun(
                () ->
                    DaemonThreadFactory.named("perfkit-dynalite-restart")
                        .newThread(() -> restart(watched))
                        .start());
  }

  private void restart(Process exited) {
    if (closed) {
      return;
    }
    progress.accept(
        "DynamoDB (dynalite, pid "
            + exited.pid()
            + ") exited with "
            + exitDescription(exited.exitValue())
            + "; restarting it on 127.0.0.1:"
            + port
            + dataDirectory
                .map(dir -> " with its data in " + dir)
                .orElse(": its tables were in memory, the items written so far are lost"));
    List<String> failures = new ArrayList<>();
    for (int attempt = 1; attempt <= RESTART_ATTEMPTS && !closed; attempt++) {
      try {
        Launched launched = launch(installDirectory, port, dataDirectory);
        process = launched.process;
        if (closed) {
          stop(launched.process);
          return;
        }
        createTable();
        supervise(launched.process);
        progress.accept(
            "DynamoDB (dynalite) restarted on 127.0.0.1:" + port + " (pid " + pid() + ")");
        return;
      } catch (RuntimeException e) {
        failures.add(e.getMessage());
      }
    }
    if (!closed) {
      progress.accept(
          "DynamoDB (dynalite) could not be restarted ("
              + String.join("; ", failures)
              + "): the functions' DynamoDB calls fail until the lab starts again");
    }
  }

  private static String exitDescription(int exitCode) {
    return exitCode > 128 ? "signal " + (exitCode - 128) : "exit code " + exitCode;
  }

  /** A dynalite process listening on its port. */
  private record Launched(Process process, int port) {}

  private static Launched launch(Path dir, int port, Optional<Path> dataDirectory) {
    List<String> command = new ArrayList<>();
    command.add("node");
    command.add(dir.resolve("dynalite-launcher.js").toString());
    command.add(Integer.toString(port));
    Process process;
    try {
      if (dataDirectory.isPresent()) {
        command.add(Files.createDirectories(dataDirectory.get()).toString());
      }
      process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new DynamoUnavailableException(
          "Node.js (node) is not on the PATH, or the data directory cannot be created: "
              + e.getMessage(),
          e);
    }
    Deque<String> output = new ArrayDeque<>();
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    DaemonThreadFactory.named("perfkit-dynalite-out")
        .newThread(() -> readOutput(process.getInputStream(), output, listening))
        .start();
    try {
      return new Launched(process, listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      stop(process);
      String lines;
      synchronized (output) {
        lines = String.join("\n", output);
      }
      throw new DynamoUnavailableException(
          "dynalite did not start within "
              + START_TIMEOUT.toSeconds()
              + " s"
              + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")")
              + "; its output:\n"
              + lines,
          e);
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new DynamoUnavailableException("interrupted while dynalite started", e);
    }
  }

  /** Creates the table; one the data directory kept is left as it is. */
  private void createTable() {
    try (DynamoDbClient dynamo =
        DynamoDbClient.builder()
            .endpointOverride(endpoint)
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(Apache5HttpClient.builder())
            .build()) {
      dynamo.createTable(
          request ->
              request
                  .tableName(table.name())
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      AttributeDefinition.builder()
                          .attributeName(table.partitionKey())
                          .attributeType(ScalarAttributeType.S)
                          .build())
                  .keySchema(
                      KeySchemaElement.builder()
                          .attributeName(table.partitionKey())
                          .keyType(KeyType.HASH)
                          .build()));
    } catch (ResourceInUseException e) {
      if (dataDirectory.isEmpty()) {
        throw e;
      }
    }
  }

  private static void readOutput(
      InputStream stream, Deque<String> output, CompletableFuture<Integer> port) {
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!port.isDone() && line.startsWith("listening ")) {
          port.complete(Integer.parseInt(line.substring("listening ".length()).strip()));
          continue;
        }
        synchronized (output) {
          output.addLast(line);
          if (output.size() > OUTPUT_LINES_KEPT) {
            output.removeFirst();
          }
        }
      }
    } catch (IOException | NumberFormatException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IOException("dynalite's output ended before it listened"));
  }

  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Why the local DynamoDB could not start; the lab runs on without it. */
  static final class DynamoUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DynamoUnavailableException(String message) {
      super(message);
    }

    DynamoUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
