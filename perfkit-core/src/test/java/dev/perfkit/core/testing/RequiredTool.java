package dev.perfkit.core.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tool a test needs (a browser, the AWS CLI, npm, a file beside the checkout): missing, the test
 * fails in CI ({@code CI=true}), where the tools are installed and a skip would prove less, and is
 * skipped on a contributor's machine, saying what to install.
 */
public final class RequiredTool {

  private RequiredTool() {}

  /**
   * Stops the test unless {@code tool} is available.
   *
   * @param tool what is needed, e.g. {@code "Chromium (/usr/bin/chromium)"}
   * @param available whether it is here
   * @param howToGetIt what installs it, e.g. {@code "apt-get install chromium"}
   */
  public static void require(String tool, boolean available, String howToGetIt) {
    if (available) {
      return;
    }
    String message = tool + " is missing: " + howToGetIt;
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true: .ci/run installs every tool the tests need)");
    }
    assumeTrue(false, message);
  }

  /**
   * Whether {@code command} runs and exits 0 within 60 seconds, e.g. {@code aws --version}.
   *
   * @param command the command and its arguments
   * @return true when it ran successfully
   */
  public static boolean runs(String... command) {
    try {
      Process process =
          new ProcessBuilder(List.of(command))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return false;
      }
      return process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
