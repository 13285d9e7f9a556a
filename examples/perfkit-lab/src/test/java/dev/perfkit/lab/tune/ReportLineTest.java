package dev.perfkit.lab.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReportLineTest {

  @Test
  void lastIn_coldStartReportOfAws_readsEveryFigure() {
    String log =
        "START RequestId: 6b1f Version: $LATEST\n"
            + "END RequestId: 6b1f\n"
            + "REPORT RequestId: 6b1f\tDuration: 2.56 ms\tBilled Duration: 3 ms\tMemory Size: 512 MB"
            + "\tMax Memory Used: 69 MB\tInit Duration: 160.05 ms\t\n";

    assertThat(ReportLine.lastIn(log))
        .contains(new ReportLine(2.56, 3, 512, OptionalDouble.of(160.05)));
  }

  @Test
  void lastIn_warmReportWithStatus_hasNoInitDuration() {
    String log =
        "REPORT RequestId: a\tDuration: 1000.00 ms\tBilled Duration: 1000 ms\t"
            + "Memory Size: 128 MB\tStatus: timeout\n";

    ReportLine line = ReportLine.lastIn(log).orElseThrow();

    assertThat(line.coldStart()).isFalse();
    assertThat(line.billedMs()).isEqualTo(1000);
  }

  @Test
  void lastIn_twoReports_readsTheLast() {
    String log =
        "REPORT RequestId: a\tDuration: 5.00 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB"
            + "\tInit Duration: 300.00 ms\t\n"
            + "REPORT RequestId: b\tDuration: 7.50 ms\tBilled Duration: 8 ms\tMemory Size: 128 MB\t\n";

    assertThat(ReportLine.lastIn(log))
        .contains(new ReportLine(7.5, 8, 128, OptionalDouble.empty()));
  }

  @Test
  void lastIn_jsonLogFormat_readsThePlatformReportEvent() {
    String log =
        "{\"time\":\"2026-11-26T15:00:00.000Z\",\"type\":\"platform.start\","
            + "\"record\":{\"requestId\":\"c\",\"version\":\"$LATEST\"}}\n"
            + "{\"time\":\"2026-11-26T15:00:00.300Z\",\"type\":\"platform.report\","
            + "\"record\":{\"requestId\":\"c\",\"metrics\":{\"durationMs\":12.25,"
            + "\"billedDurationMs\":13,\"memorySizeMB\":1024,\"maxMemoryUsedMB\":90,"
            + "\"initDurationMs\":410.5},\"status\":\"success\"}}\n";

    assertThat(ReportLine.lastIn(log))
        .contains(new ReportLine(12.25, 13, 1024, OptionalDouble.of(410.5)));
  }

  @Test
  void lastIn_logWithoutReport_isEmpty() {
    assertThat(ReportLine.lastIn("START RequestId: a Version: $LATEST\nhello\n")).isEmpty();
  }
}
