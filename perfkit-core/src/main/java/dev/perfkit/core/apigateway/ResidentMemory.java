package dev.perfkit.core.apigateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The process's resident memory: {@code VmRSS} from {@code /proc/self/status} on Linux (what
 * Lambda's memory limit is enforced against), else the JVM heap in use.
 */
final class ResidentMemory {

  private static final Path STATUS = Path.of("/proc/self/status");

  private ResidentMemory() {}

  static long bytes() {
    return fromProcStatus(STATUS).orElseGet(ResidentMemory::heapInUse);
  }

  static OptionalLong fromProcStatus(Path status) {
    if (!Files.isReadable(status)) {
      return OptionalLong.empty();
    }
    try (BufferedReader reader = Files.newBufferedReader(status, StandardCharsets.US_ASCII)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.startsWith("VmRSS:")) {
          return parseKilobytes(line.substring("VmRSS:".length()));
        }
      }
      return OptionalLong.empty();
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  private static OptionalLong parseKilobytes(String value) {
    String digits = value.strip();
    int space = digits.indexOf(' ');
    if (space > 0) {
      digits = digits.substring(0, space);
    }
    try {
      return OptionalLong.of(Long.parseLong(digits) * 1024);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static long heapInUse() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
