package dev.perfkit.local.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Clients we did not write (the AWS CLI, boto3) run against the local services: with placeholder
 * credentials and no user configuration, bounded in time.
 */
public final class ExternalTools {

  private ExternalTools() {}

  /**
   * How a tool ended.
   *
   * @param exitCode its exit code
   * @param stdout its standard output
   * @param stderr its standard error
   */
  public record Result(int exitCode, String stdout, String stderr) {

    /** Both streams, for an assertion's description. */
    public String describe() {
      return "exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
    }
  }

  /** Runs {@code command} with placeholder AWS credentials and {@code environment} added. */
  public static Result run(Map<String, String> environment, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command));
    Map<String, String> variables = builder.environment();
    variables.keySet().removeIf(name -> name.startsWith("AWS_"));
    variables.putAll(
        Map.of(
            "AWS_ACCESS_KEY_ID", "perfkit",
            "AWS_SECRET_ACCESS_KEY", "perfkit",
            "AWS_DEFAULT_REGION", "us-east-1",
            "AWS_CONFIG_FILE", "/dev/null",
            "AWS_SHARED_CREDENTIALS_FILE", "/dev/null",
            "AWS_EC2_METADATA_DISABLED", "true",
            "AWS_PAGER", ""));
    variables.putAll(environment);
    Process process;
    try {
      process = builder.start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
    CompletableFuture<String> stdout =
        CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    try {
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        fail(command + " did not finish within two minutes");
      }
      return new Result(
          process.exitValue(), stdout.get(10, TimeUnit.SECONDS), stderr.get(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the output of " + command, e);
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
