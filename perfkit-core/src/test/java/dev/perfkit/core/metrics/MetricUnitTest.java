package dev.perfkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.model.Unit;

class MetricUnitTest {

  @Test
  void values_areExactlyTheUnitsAwsEmbeddedMetricsKnows() {
    assertThat(Arrays.stream(MetricUnit.values()).map(MetricUnit::cloudWatchName))
        .containsExactlyInAnyOrderElementsOf(
            Arrays.stream(Unit.values())
                .filter(unit -> unit != Unit.UNKNOWN_TO_SDK_VERSION)
                .map(Unit::toString)
                .toList());
  }

  @Test
  void fromCloudWatchName_findsAUnitByItsCloudWatchName() {
    assertThat(MetricUnit.fromCloudWatchName("Count/Second"))
        .isEqualTo(MetricUnit.COUNT_PER_SECOND);
  }

  @Test
  void fromCloudWatchName_rejectsAnUnknownNameListingTheAllowedOnes() {
    assertThatThrownBy(() -> MetricUnit.fromCloudWatchName("millis"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unit 'millis' is not a CloudWatch unit; allowed: Seconds,")
        .hasMessageContaining("Count/Second");
  }
}
