package dev.perfkit.core.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.testing.RequiredTool;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResidentMemoryTest {

  @TempDir Path directory;

  @Test
  void fromProcStatus_vmRssLine_isReadInBytes() throws IOException {
    Path status = directory.resolve("status");
    Files.writeString(
        status,
        "Name:\tjava\n"
            + "VmPeak:\t 9999999 kB\n"
            + "VmHWM:\t  200000 kB\n"
            + "VmRSS:\t  123456 kB\n"
            + "Threads:\t42\n");

    assertThat(ResidentMemory.fromProcStatus(status)).hasValue(123_456L * 1024);
  }

  @Test
  void fromProcStatus_noVmRssLine_isEmpty() throws IOException {
    Path status = directory.resolve("status");
    Files.writeString(status, "Name:\tjava\nThreads:\t42\n");

    assertThat(ResidentMemory.fromProcStatus(status)).isEmpty();
  }

  @Test
  void fromProcStatus_missingFile_isEmpty() {
    assertThat(ResidentMemory.fromProcStatus(directory.resolve("absent"))).isEmpty();
  }

  @Test
  void bytes_onLinux_isThisProcessNotTheHost() {
    Path status = Path.of("/proc/self/status");
    RequiredTool.require("Linux /proc", Files.isReadable(status), "run the tests on Linux");
    long hostBytes =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();

    long resident = ResidentMemory.bytes();

    // The heap in use has been touched, so it is resident; a test JVM holds far less than the host.
    Runtime runtime = Runtime.getRuntime();
    long heapInUse = runtime.totalMemory() - runtime.freeMemory();
    assertThat(resident).isGreaterThan(heapInUse / 2).isLessThan(hostBytes / 2);
  }
}
