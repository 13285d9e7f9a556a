package dev.perfkit.lab.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class TuningReportTest {

  /** A size with a p95 and an x86 cost given directly; the other figures follow. */
  private static SizeResult size(int memoryMb, double p95Ms, double costX86) {
    return new SizeResult(
        memoryMb, 10, 10, 0, 0, p95Ms / 2, p95Ms, p95Ms, 1L, p95Ms, costX86, costX86 * 0.8, null);
  }

  private static TuningReport report(String architecture, List<SizeResult> sizes) {
    return TuningReport.of(
        "fn",
        architecture,
        "http://127.0.0.1:1",
        true,
        "REPORT lines",
        10,
        1,
        sizes,
        List.of(TuningReport.LOCAL_NOTE));
  }

  @Test
  void of_threeSizes_choosesCheapestFastestAndBalanced() {
    // balanced = 0.5 cost/2.4 + 0.5 p95/100: 512 -> 0.708, 1024 -> 0.450, 2048 -> 0.650
    TuningReport report =
        report("x86_64", List.of(size(512, 100, 1.0), size(1024, 40, 1.2), size(2048, 30, 2.4)));

    assertThat(report.cheapestMb()).isEqualTo(512);
    assertThat(report.fastestMb()).isEqualTo(2048);
    assertThat(report.balancedMb()).isEqualTo(1024);
  }

  @Test
  void of_arm64Function_choosesByTheArmPrice() {
    // x86 says 512 is cheaper; arm64 (the function's) says 1024
    SizeResult small = new SizeResult(512, 1, 1, 0, 0, 10.0, 10.0, 10.0, 0L, 10.0, 1.0, 0.9, null);
    SizeResult large = new SizeResult(1024, 1, 1, 0, 0, 10.0, 10.0, 10.0, 0L, 10.0, 1.1, 0.8, null);

    assertThat(report("arm64", List.of(small, large)).cheapestMb()).isEqualTo(1024);
  }

  @Test
  void of_aSizeWithoutSuccess_isLeftOutOfTheChoices() {
    SizeResult failed =
        new SizeResult(
            128,
            3,
            0,
            3,
            0,
            null,
            null,
            null,
            3L,
            null,
            null,
            null,
            "function error (Unhandled): java.lang.OutOfMemoryError: Java heap space");

    TuningReport report = report("x86_64", List.of(failed, size(1024, 40, 1.2)));

    assertThat(report.cheapestMb()).isEqualTo(1024);
    assertThat(report.fastestMb()).isEqualTo(1024);
    assertThat(report.toTable()).contains("First failure at 128 MB: function error (Unhandled)");
  }

  @Test
  void sizeResultOf_durationsAndBilledSum_givesPercentilesAndCostPerMillion() {
    Histogram micros = new Histogram(3);
    for (int ms = 1; ms <= 100; ms++) {
      micros.recordValue(ms * 1000L);
    }
    // billed 5050 ms over 100 invocations: 50.5 ms each at 512 MB = 0.02525 GB-s;
    // x86: 25,250 GB-s x $0.0000166667 = $0.420834175, + $0.20
    SizeResult result = SizeResult.of(512, micros, 5050, 2, 1, 1L, "boom");

    assertThat(result.invocations()).isEqualTo(103);
    // the histogram keeps 3 significant digits
    assertThat(result.p50Ms()).isCloseTo(50.0, within(0.05));
    assertThat(result.p95Ms()).isCloseTo(95.0, within(0.1));
    assertThat(result.p99Ms()).isCloseTo(99.0, within(0.1));
    assertThat(result.meanBilledMs()).isEqualTo(50.5);
    assertThat(result.costPerMillionX86()).isCloseTo(0.620834175, within(1e-9));
    assertThat(result.costPerMillionArm64()).isCloseTo(0.536668350, within(1e-9));
  }

  @Test
  void billedMsSum_roundsEachLatencyUpToTheMillisecond() {
    Histogram micros = new Histogram(3);
    micros.recordValue(1000);
    micros.recordValue(1001);
    micros.recordValueWithCount(1500, 2);

    // 1 + 2 + 2 x 2
    assertThat(LoadTesterDriver.billedMsSum(micros)).isEqualTo(7);
  }

  @Test
  void toJson_givesEverySizeAndTheChoicesBySnakeCaseName() throws Exception {
    TuningReport report = report("x86_64", List.of(size(512, 100, 1.0), size(1024, 40, 1.2)));

    JsonNode json = new ObjectMapper().readTree(report.toJson());

    assertThat(json.path("function").asText()).isEqualTo("fn");
    assertThat(json.path("local").asBoolean()).isTrue();
    assertThat(json.path("sizes").findValuesAsText("memory_mb")).containsExactly("512", "1024");
    assertThat(json.at("/sizes/0/cost_per_million_x86_64_usd").asDouble()).isEqualTo(1.0);
    assertThat(json.at("/sizes/0/cold_starts").asLong()).isEqualTo(1);
    assertThat(json.path("cheapest_mb").asInt()).isEqualTo(512);
    assertThat(json.path("notes").get(0).asText()).contains("CPU does not scale with memory");
  }

  @Test
  void toTable_listsEverySizeTheChoicesAndTheNotes() {
    String table = report("x86_64", List.of(size(512, 100, 1.0), size(1024, 40, 1.2))).toTable();

    assertThat(table)
        .contains("Memory tuning of fn (x86_64) at http://127.0.0.1:1")
        .containsPattern("  512 MB +50\\.00 +100\\.00 +100\\.00 +1 +0 +0 +1\\.0000 +0\\.8000")
        .containsPattern(" 1024 MB ")
        .contains(
            "Cheapest: 512 MB ($1.0000 per 1M invocations on x86_64)",
            "Fastest:  1024 MB (p95 40.00 ms)",
            "Balanced: ",
            "Note: Local run: CPU does not scale with memory");
  }
}
