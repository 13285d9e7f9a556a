package dev.perfkit.lab.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PricingTest {

  @Test
  void costPerMillion_x86At1024MbFor100Ms_isGbSecondsPlusRequests() {
    // 1 GB x 0.1 s = 0.1 GB-s each; 100,000 GB-s x $0.0000166667 = $1.66667; + $0.20 requests
    assertThat(Pricing.costPerMillion(Pricing.X86_64, 1024, 100)).isCloseTo(1.86667, within(1e-9));
  }

  @Test
  void costPerMillion_arm64At512MbFor200Ms_usesTheArmPrice() {
    // 0.5 GB x 0.2 s = 0.1 GB-s each; 100,000 GB-s x $0.0000133334 = $1.33334; + $0.20
    assertThat(Pricing.costPerMillion(Pricing.ARM64, 512, 200)).isCloseTo(1.53334, within(1e-9));
  }

  @Test
  void costPerMillion_128MbFor1Ms_isAlmostOnlyTheRequestPrice() {
    // 0.125 GB x 0.001 s = 0.000125 GB-s each; 125 GB-s x $0.0000166667 = $0.00208333750
    assertThat(Pricing.costPerMillion(Pricing.X86_64, 128, 1))
        .isCloseTo(0.2020833375, within(1e-12));
  }

  @Test
  void costPerMillion_negativeDuration_isRefusedNamingIt() {
    assertThatThrownBy(() -> Pricing.costPerMillion(Pricing.X86_64, 512, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("meanBilledMs");
  }
}
