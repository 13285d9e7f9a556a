package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.exits;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Environment JVMs never outlive the local Lambda, however it ends. */
class LocalLambdaLifecycleTest {

  @Test
  void close_stopsEveryEnvironmentJvm() throws Exception {
    long dispatchersBefore = httpDispatcherThreads();
    List<Long> pids;
    try (LocalLambda lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build()) {
      lambda.deploy(probe("closing").alias("prod", 1).build());
      lambda.invoke(InvokeRequest.of("closing", "{}"));
      pids = TestSupport.environmentJvms().stream().map(ProcessHandle::pid).toList();
      assertThat(pids).hasSize(2);
    }

    assertThat(pids)
        .allSatisfy(
            pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
    assertThat(TestSupport.environmentJvms()).isEmpty();
    assertThat(httpDispatcherThreads())
        .as("no HTTP server thread is left to keep the JVM alive")
        .isLessThanOrEqualTo(dispatchersBefore);
  }

  private static long httpDispatcherThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith("HTTP-Dispatcher"))
        .count();
  }

  @Test
  void parentKilled_environmentJvmsExitByThemselves() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process parent =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KillableLambdaMain.class.getName(),
                TestSupport.testCode().get(0).toString())
            .redirectErrorStream(true)
            .start();
    try {
      CompletableFuture<String> announced =
          CompletableFuture.supplyAsync(() -> readAnnouncement(parent));
      String line = announced.get(90, TimeUnit.SECONDS);
      List<Long> pids =
          Arrays.stream(line.substring("ENVIRONMENTS ".length()).split(","))
              .map(Long::parseLong)
              .toList();
      assertThat(pids).hasSize(2).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

      parent.destroyForcibly();
      assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();

      assertThat(pids)
          .allSatisfy(
              pid -> assertThat(exits(pid, Duration.ofSeconds(15))).as("pid " + pid).isTrue());
    } finally {
      parent.destroyForcibly();
    }
  }

  private static String readAnnouncement(Process process) {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      StringBuilder seen = new StringBuilder();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("ENVIRONMENTS ")) {
          return line;
        }
        seen.append(line).append('\n');
      }
      throw new IllegalStateException("the local Lambda JVM ended without its PIDs:\n" + seen);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
