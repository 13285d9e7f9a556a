package dev.perfkit.lab.local;

import dev.perfkit.lab.local.LocalDynamo.DynamoUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * dynalite installed for the lab: its package.json and package-lock.json (perfkit-handlers' pinned
 * ones, packaged beside {@link LocalDynamo}) and the launcher, installed with {@code npm ci} into a
 * cache directory on first use; later starts reuse that install.
 */
final class DynaliteInstall {

  private static final String RESOURCES = "dynalite/";
  private static final List<String> FILES =
      List.of("package.json", "package-lock.json", "dynalite-launcher.js");
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

  private DynaliteInstall() {}

  /**
   * The install directory for the packaged files: {@code <cacheRoot>/dynalite-<lock hash>}, with
   * {@code npm ci} run once. A file lock serialises concurrent first uses.
   */
  static Path into(Path cacheRoot, Consumer<String> progress) {
    byte[][] contents = FILES.stream().map(DynaliteInstall::resource).toArray(byte[][]::new);
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
        LocalDynamo.stop(npm);
        throw new DynamoUnavailableException(
            "npm ci in " + dir + " took longer than " + INSTALL_TIMEOUT.toMinutes() + " min");
      }
    } catch (InterruptedException e) {
      LocalDynamo.stop(npm);
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
}
