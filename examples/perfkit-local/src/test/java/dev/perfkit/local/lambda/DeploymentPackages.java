package dev.perfkit.local.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Deployment packages of the test handlers, built as a Java team's build would build them. */
final class DeploymentPackages {

  private DeploymentPackages() {}

  /** A jar (a zip) with the classes at its root. */
  static byte[] jarOf(Class<?>... classes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
      zip.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
      for (Class<?> type : classes) {
        String entry = type.getName().replace('.', '/') + ".class";
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(Files.readAllBytes(TestSupport.testCode().get(0).resolve(entry)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A zip as the Gradle/Maven zip layout has it: nothing at the root, the code in lib/*.jar. */
  static byte[] zipWithLib(Class<?>... classes) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("lib/"));
      zip.putNextEntry(new ZipEntry("lib/handlers.jar"));
      zip.write(jarOf(classes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Writes a package to a file, for the CLI's {@code fileb://}. */
  static Path write(Path directory, String name, byte[] deploymentPackage) {
    try {
      return Files.write(directory.resolve(name), deploymentPackage);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
