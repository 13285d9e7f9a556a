package dev.perfkit.lab.tune;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The local Lambda's environment JVMs, as the tuning tests inspect them. */
final class TuneTestSupport {

  private TuneTestSupport() {}

  /** An environment JVM of the local Lambda: its memory size and its {@code -Xmx} option. */
  record EnvironmentJvm(long pid, int memoryMb, String xmx) {}

  /** The live environment JVMs this JVM started for {@code function} (read from /proc). */
  static List<EnvironmentJvm> environmentJvms(String function) {
    return ProcessHandle.current()
        .descendants()
        .filter(ProcessHandle::isAlive)
        .flatMap(process -> environmentJvm(process, function).stream())
        .toList();
  }

  private static Optional<EnvironmentJvm> environmentJvm(ProcessHandle process, String function) {
    Map<String, String> environment;
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "environ"));
      environment =
          Stream.of(new String(raw, StandardCharsets.UTF_8).split("\0"))
              .filter(entry -> entry.contains("="))
              .collect(
                  Collectors.toMap(
                      entry -> entry.substring(0, entry.indexOf('=')),
                      entry -> entry.substring(entry.indexOf('=') + 1),
                      (a, b) -> b));
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!function.equals(environment.get("AWS_LAMBDA_FUNCTION_NAME"))) {
      return Optional.empty();
    }
    String xmx =
        process.info().arguments().stream()
            .flatMap(Stream::of)
            .filter(argument -> argument.startsWith("-Xmx"))
            .findFirst()
            .orElse("");
    return Optional.of(
        new EnvironmentJvm(
            process.pid(),
            Integer.parseInt(environment.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")),
            xmx));
  }
}
