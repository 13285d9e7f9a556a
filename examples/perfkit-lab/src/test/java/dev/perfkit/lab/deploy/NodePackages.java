package dev.perfkit.lab.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The lab's npm packages, installed once per test run with {@code npm ci} from the pinned {@code
 * package.json} and {@code package-lock.json}.
 */
final class NodePackages {

  private static Path installed;

  private NodePackages() {}

  /** Whether npm can be run here; tests that need it are skipped, saying so, when not. */
  static boolean npmAvailable() {
    try {
      Process process = new ProcessBuilder("npm", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The installed {@code node_modules} of the lab module, running {@code npm ci} once. */
  static synchronized Path nodeModules() throws IOException, InterruptedException {
    if (installed == null) {
      Path module = RenderedTemplate.projectRoot().resolve("examples/perfkit-lab");
      Path log = Files.createTempFile("perfkit-npm-ci", ".log");
      Process process =
          new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
              .directory(module.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("npm ci in " + module + " took over 5 minutes");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.delete(log);
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "npm ci in " + module + " failed (" + process.exitValue() + "):\n" + output);
      }
      installed = module.resolve("node_modules");
    }
    return installed;
  }
}
