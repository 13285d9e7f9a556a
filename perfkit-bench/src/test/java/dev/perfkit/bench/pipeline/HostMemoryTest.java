package dev.perfkit.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostMemoryTest {

  @Test
  void percentUsed_isTotalLessAvailableOverTotal_toOneDecimal() {
    List<String> meminfo =
        List.of(
            "MemTotal:       24576000 kB",
            "MemFree:         1000000 kB",
            "MemAvailable:   18000000 kB",
            "Buffers:          200000 kB");

    assertThat(HostMemory.percentUsed(meminfo)).isEqualTo(26.8);
  }

  @Test
  void percentUsed_rejectsMeminfoWithoutMemAvailable() {
    assertThatThrownBy(() -> HostMemory.percentUsed(List.of("MemTotal: 1000 kB")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MemAvailable");
  }
}
