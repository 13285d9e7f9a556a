package dev.perfkit.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.utilslite.SdkInternalThreadLocal;

/**
 * The classpath of an environment JVM: the runtime interface client and its dependencies, found
 * where this JVM loaded them from, around the function's own code.
 *
 * <p>Runtime jars come first, as on Lambda where the runtime's class loader is the parent of the
 * function's; the launcher's own location comes last, since in a fat jar it holds every library and
 * must not shadow the function's versions.
 */
record RuntimeClasspath(List<Path> runtime, Path launcher) {

  static RuntimeClasspath ofThisJvm() {
    Path launcher = locationOf(EnvironmentLauncher.class);
    Set<Path> runtime = new LinkedHashSet<>();
    for (Class<?> type :
        List.of(
            AWSLambda.class, Context.class, PojoSerializer.class, SdkInternalThreadLocal.class)) {
      Path location = locationOf(type);
      if (!location.equals(launcher)) {
        runtime.add(location);
      }
    }
    return new RuntimeClasspath(List.copyOf(runtime), launcher);
  }

  /** The {@code -cp} value for a function whose code is {@code code}. */
  String forFunction(List<Path> code) {
    Set<Path> entries = new LinkedHashSet<>(runtime);
    entries.addAll(code);
    entries.add(launcher);
    List<String> parts = new ArrayList<>();
    for (Path entry : entries) {
      parts.add(entry.toAbsolutePath().toString());
    }
    return String.join(java.io.File.pathSeparator, parts);
  }

  /**
   * Extracts the runtime client's native library for this machine into {@code directory}.
   *
   * <p>Left alone, every environment JVM unpacks it to the same {@code /tmp} file, replacing it
   * while other JVMs map it: concurrent cold starts then die of SIGBUS. Environments load this copy
   * instead (RIC's {@code NativeClient.JNI} property).
   */
  static Path extractNativeClient(Path directory) throws IOException {
    String arch = System.getProperty("os.arch");
    String cpu =
        switch (arch) {
          case "amd64", "x86_64" -> "x86_64";
          case "aarch64", "arm64" -> "aarch_64";
          default ->
              throw new IllegalStateException(
                  "the Lambda runtime interface client has no native library for " + arch);
        };
    String name = "libaws-lambda-jni." + (isMusl() ? "linux_musl-" : "linux-") + cpu + ".so";
    Path target = directory.resolve(name);
    try (InputStream library = AWSLambda.class.getResourceAsStream("/jni/" + name)) {
      if (library == null || !System.getProperty("os.name").startsWith("Linux")) {
        throw new IllegalStateException(
            "the Lambda runtime interface client runs on Linux only; no "
                + name
                + " for "
                + System.getProperty("os.name"));
      }
      Files.createDirectories(directory);
      Files.copy(library, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private static boolean isMusl() {
    try (Stream<Path> libraries = Files.list(Path.of("/lib"))) {
      return libraries.anyMatch(path -> path.getFileName().toString().startsWith("ld-musl-"));
    } catch (IOException e) {
      return false;
    }
  }

  private static Path locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException(
          "cannot locate the jar of " + type.getName() + " to start Lambda environments");
    }
    try {
      return Path.of(source.getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("bad location of " + type.getName(), e);
    }
  }
}
