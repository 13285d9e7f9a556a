package dev.perfkit.local.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.perfkit.core.testing.RequiredTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** Shared helpers of the local CloudWatch's tests. */
final class CloudWatchTestSupport {

  /** A fixed "now" of the tests that do not talk to tools reading the real clock. */
  static final Instant NOW = Instant.parse("2026-03-04T19:15:17.135Z");

  private CloudWatchTestSupport() {}

  static Clock fixedClock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  static CloudWatchClient sdk(LocalCloudWatch cloudWatch) {
    return CloudWatchClient.builder()
        .endpointOverride(cloudWatch.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .build();
  }

  static long requests(LocalCloudWatch cloudWatch, String protocol, String operation) {
    return ((DefaultLocalCloudWatch) cloudWatch).requests(protocol, operation);
  }

  /** What a finished process printed, both streams together, and how it ended. */
  record Result(int exitCode, String output) {}

  /** Stops the test unless {@code probe} runs: a failure in CI, a skip elsewhere. */
  static void requireTool(String description, String... probe) {
    RequiredTool.require(
        description, RequiredTool.runs(probe), "install it (" + String.join(" ", probe) + ")");
  }

  /**
   * Runs {@code command} with dummy AWS credentials, no AWS configuration files, {@code
   * environment} added, for at most two minutes.
   */
  static Result run(Map<String, String> environment, Path directory, List<String> command) {
    return run(environment, directory, command, true);
  }

  /** {@link #run}, with the process's standard error kept apart (dropped) unless {@code merge}. */
  static Result run(
      Map<String, String> environment, Path directory, List<String> command, boolean merge) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(merge);
    if (!merge) {
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    env.put("AWS_SECRET_ACCESS_KEY", "secret");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process));
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail(command + " did not finish within two minutes");
      }
      return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the output of " + command, e);
    }
  }

  private static String read(Process process) {
    try (InputStream in = process.getInputStream()) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      in.transferTo(bytes);
      return bytes.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertSucceeded(Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}
