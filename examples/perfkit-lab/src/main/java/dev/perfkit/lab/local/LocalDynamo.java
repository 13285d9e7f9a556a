package dev.perfkit.lab.local;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import dev.perfkit.lab.stack.Table;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
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
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB on loopback for the lab: dynalite (npm) in memory under Node.js. Its package.json and
 * package-lock.json (perfkit-handlers' pinned ones, packaged with this class) are installed with
 * {@code npm ci} into a cache directory on first use; later starts reuse that install. Dynalite
 * exits when its standard input closes, so it stops with this JVM even when that is killed.
 */
final class LocalDynamo implements AutoCloseable {

  private static final String RESOURCES = "dynalite/";
  private static final List<String> FILES =
      List.of("package.json", "package-lock.json", "dynalite-launcher.js");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  private static final int OUTPUT_LINES_KEPT = 40;

  private final Process process;
  private final URI endpoint;

  private LocalDynamo(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /**
   * Installs dynalite under {@code cacheRoot} if needed, starts it and creates {@code table}.
   *
   * @throws DynamoUnavailableException saying why it could not start: Node.js or npm missing, the
   *     install failing (e.g. no access to the npm registry), dynalite not listening
   */
  static LocalDynamo start(Path cacheRoot, Table table, Consumer<String> progress) {
    Path dir = install(cacheRoot, progress);
    Process process;
    try {
      process =
          new ProcessBuilder("node", dir.resolve("dynalite-launcher.js").toString())
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new DynamoUnavailableException(
          "Node.js (node) is not on the PATH: " + e.getMessage(), e);
    }
    Deque<String> output = new ArrayDeque<>();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    DaemonThreadFactory.named("perfkit-dynalite-out")
        .newThread(() -> readOutput(process.getInputStream(), output, port))
        .start();
    LocalDynamo dynamo;
    try {
      int listening = port.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      dynamo = new LocalDynamo(process, URI.create("http://127.0.0.1:" + listening));
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
    try {
      dynamo.createTable(table);
    } catch (RuntimeException e) {
      dynamo.close();
      throw new DynamoUnavailableException(
          "dynalite did not create table " + table.name() + ": " + e.getMessage(), e);
    }
    return dynamo;
  }

  /** The endpoint, for {@code AWS_ENDPOINT_URL_DYNAMODB} or an SDK endpoint override. */
  URI endpoint() {
    return endpoint;
  }

  @Override
  public void close() {
    stop(process);
  }

  private void createTable(Table table) {
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

  /**
   * The install directory for the packaged files: {@code <cacheRoot>/dynalite-<lock hash>}, with
   * {@code npm ci} run once. A file lock serialises concurrent first uses.
   */
  private static Path install(Path cacheRoot, Consumer<String> progress) {
    byte[][] contents = FILES.stream().map(LocalDynamo::resource).toArray(byte[][]::new);
    Path dir = cacheRoot.resolve("dynalite-" + hash(contents[1]));
    Path installed = dir.resolve("node_modules/dynalite/package.json");
    try {
      Files.createDirectories(dir);
      try (FileChannel channel =
          FileChannel.open(
              dir.resolve(".install.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        var unused = channel.lock(); // released when the channel closes
        for (int i = 0; i < FILES.size(); i++) {
          Path file = dir.resolve(FILES.get(i));
          if (!Files.exists(file) || !Arrays.equals(Files.readAllBytes(file), contents[i])) {
            Files.write(file, contents[i]);
          }
        }
        if (!Files.exists(installed)) {
          progress.accept("installing dynalite (npm ci, first use) into " + dir);
          npmCi(dir);
        }
      }
    } catch (IOException e) {
      throw new DynamoUnavailableException("cannot install dynalite into " + dir + ": " + e, e);
    }
    return dir;
  }

  private static void npmCi(Path dir) throws IOException {
    Path log = dir.resolve("npm-ci.log");
    Process npm;
    try {
      npm =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new DynamoUnavailableException("npm is not on the PATH: " + e.getMessage(), e);
    }
    try {
      if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        stop(npm);
        throw new DynamoUnavailableException(
            "npm ci in " + dir + " took longer than " + INSTALL_TIMEOUT.toMinutes() + " min");
      }
    } catch (InterruptedException e) {
      stop(npm);
      Thread.currentThread().interrupt();
      throw new DynamoUnavailableException("interrupted while npm ci ran in " + dir, e);
    }
    if (npm.exitValue() != 0) {
      throw new DynamoUnavailableException(
          "npm ci in "
              + dir
              + " failed with exit code "
              + npm.exitValue()
              + ": "
              + Files.readString(log).strip());
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = LocalDynamo.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCES
                + name
                + " is missing beside "
                + LocalDynamo.class.getName()
                + ": the perfkit-lab build packages it");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String hash(byte[] content) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static void stop(Process process) {
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
