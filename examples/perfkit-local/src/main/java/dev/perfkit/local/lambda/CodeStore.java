package dev.perfkit.local.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * The functions' code: deployment packages uploaded through the Lambda API, unpacked as Lambda
 * unpacks them into {@code /var/task} (the package's root and each {@code lib/*.jar} on the
 * classpath, for a jar as for a zip), and the {@link CodeIdentity} of every function's code.
 */
final class CodeStore {

  /** Lambda's quota for a deployment package uploaded directly (Lambda quotas page). */
  static final int MAX_ZIPPED = 50 * 1024 * 1024;

  /** Lambda's quota for the unzipped deployment package (Lambda quotas page). */
  static final long MAX_UNZIPPED = 250L * 1024 * 1024;

  private static final String UNZIP_FAILED =
      "Could not unzip uploaded file. Please check your file, then try to upload again.";

  private final Path directory;
  private final Map<List<Path>, CodeIdentity> identities = new ConcurrentHashMap<>();
  private final Map<List<Path>, Path> packages = new ConcurrentHashMap<>();

  CodeStore(Path directory) {
    this.directory = directory;
  }

  /**
   * Keeps {@code deploymentPackage} of {@code functionName} and unpacks it; returns the classpath
   * of the unpacked code.
   *
   * @throws LocalLambdaException InvalidParameterValueException when it is not a zip or jar, or
   *     unpacks to more than Lambda allows
   */
  List<Path> store(String functionName, byte[] deploymentPackage) {
    if (deploymentPackage.length > MAX_ZIPPED) {
      throw LocalLambdaException.invalidParameter(
          "ZipFile must be at most "
              + MAX_ZIPPED
              + " bytes for a direct upload, was "
              + deploymentPackage.length);
    }
    CodeIdentity identity = CodeIdentity.of(deploymentPackage);
    String key = HexFormat.of().formatHex(Base64.getDecoder().decode(identity.sha256()));
    Path root = directory.resolve(functionName).resolve(key);
    Path zip = directory.resolve(functionName).resolve(key + ".zip");
    try {
      if (!Files.isDirectory(root)) {
        Path unpacking =
            Files.createDirectories(directory.resolve(functionName)).resolve(key + ".unpacking");
        Directories.deleteRecursively(unpacking);
        unpack(deploymentPackage, unpacking);
        Files.write(zip, deploymentPackage);
        Files.move(unpacking, root);
      }
      List<Path> code = classpath(root);
      identities.put(code, identity);
      packages.put(code, zip);
      return code;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the code of " + functionName, e);
    }
  }

  /** {@code CodeSha256} and {@code CodeSize} of a function's code; computed once per code. */
  CodeIdentity identity(List<Path> code) {
    return identities.computeIfAbsent(List.copyOf(code), CodeIdentity::of);
  }

  /** Where the code can be downloaded: the package as uploaded, else the jar or directory. */
  URI location(List<Path> code) {
    Path uploaded = packages.get(code);
    return (uploaded != null ? uploaded : code.get(0)).toUri();
  }

  /** Removes what was stored for a deleted function. */
  void delete(String functionName) {
    Path functionDirectory = directory.resolve(functionName);
    identities.keySet().removeIf(code -> code.get(0).startsWith(functionDirectory));
    packages.keySet().removeIf(code -> code.get(0).startsWith(functionDirectory));
    Directories.deleteRecursively(functionDirectory);
  }

  private static List<Path> classpath(Path root) throws IOException {
    List<Path> code = new ArrayList<>();
    code.add(root);
    Path lib = root.resolve("lib");
    if (Files.isDirectory(lib)) {
      try (Stream<Path> jars = Files.list(lib)) {
        jars.filter(jar -> jar.getFileName().toString().endsWith(".jar"))
            .sorted()
            .forEach(code::add);
      }
    }
    return List.copyOf(code);
  }

  private static void unpack(byte[] deploymentPackage, Path target) throws IOException {
    Files.createDirectories(target);
    long unzipped = 0;
    int entries = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(deploymentPackage))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        entries++;
        Path file = target.resolve(entry.getName()).normalize();
        if (!file.startsWith(target)) {
          throw LocalLambdaException.invalidParameter(
              UNZIP_FAILED + " The entry " + entry.getName() + " points outside the package.");
        }
        if (entry.isDirectory()) {
          Files.createDirectories(file);
          continue;
        }
        Files.createDirectories(file.getParent());
        unzipped += copy(zip, file, MAX_UNZIPPED - unzipped);
      }
    } catch (ZipException e) {
      throw LocalLambdaException.invalidParameter(UNZIP_FAILED);
    }
    if (entries == 0) {
      throw LocalLambdaException.invalidParameter(UNZIP_FAILED);
    }
  }

  /** Copies one entry, refusing to go past {@code budget} bytes in all. */
  private static long copy(InputStream entry, Path file, long budget) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long written = 0;
    try (var out = Files.newOutputStream(file)) {
      for (int read = entry.read(buffer); read >= 0; read = entry.read(buffer)) {
        written += read;
        if (written > budget) {
          throw LocalLambdaException.invalidParameter(
              "Unzipped size must be smaller than " + MAX_UNZIPPED + " bytes");
        }
        out.write(buffer, 0, read);
      }
    }
    return written;
  }
}
