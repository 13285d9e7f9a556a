package dev.perfkit.bench.pipeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The lab's {@code psutil.virtual_memory().percent}: the host's memory in use, in percent to one
 * decimal. On Linux psutil computes it from {@code /proc/meminfo} as {@code (MemTotal -
 * MemAvailable) / MemTotal}; elsewhere the port asks the JVM for the total and free memory.
 */
final class HostMemory {

  private static final Path MEMINFO = Path.of("/proc/meminfo");

  private HostMemory() {}

  static double percentUsed() {
    try {
      return percentUsed(Files.readAllLines(MEMINFO));
    } catch (IOException e) {
      com.sun.management.OperatingSystemMXBean os =
          (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long total = os.getTotalMemorySize();
      return round1(100.0 * (total - os.getFreeMemorySize()) / total);
    }
  }

  /** The percent in use from the lines of a {@code /proc/meminfo}, sizes in kB. */
  static double percentUsed(List<String> meminfo) {
    long total = -1;
    long available = -1;
    for (String line : meminfo) {
      String[] fields = line.split("\\s+", -1);
      if (fields[0].equals("MemTotal:")) {
        total = Long.parseLong(fields[1]);
      } else if (fields[0].equals("MemAvailable:")) {
        available = Long.parseLong(fields[1]);
      }
    }
    if (total <= 0 || available < 0) {
      throw new IllegalArgumentException("meminfo lacks MemTotal or MemAvailable: " + meminfo);
    }
    return round1(100.0 * (total - available) / total);
  }

  private static double round1(double percent) {
    return Math.round(percent * 10.0) / 10.0;
  }
}
