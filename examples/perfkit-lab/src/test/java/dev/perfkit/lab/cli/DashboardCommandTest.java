package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void dashboard_printsTheFiveWidgetsForTheUserAndRegion() throws Exception {
    CliRun run = CliRun.of("dashboard", "--username", "user3", "--region", "eu-west-1");
    JsonNode body = JSON.readTree(run.out());

    assertThat(run.exitCode()).isZero();
    assertThat(body.path("widgets")).hasSize(5);
    assertThat(body.path("widgets").findValuesAsText("region")).containsOnly("eu-west-1");
    assertThat(body.at("/widgets/0/properties/metrics/0/3").asText())
        .isEqualTo("user3-performance-function");
    assertThat(body.at("/widgets/4/properties/metrics/0/3").asText())
        .isEqualTo("user3-optimized-api");
  }

  @Test
  void dashboard_out_writesTheBodyAndThePutDashboardCommand(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("dashboard.json");

    CliRun run = CliRun.of("dashboard", "--username", "user3", "--out", out.toString());

    assertThat(JSON.readTree(Files.readString(out)).path("widgets")).hasSize(5);
    assertThat(run.out())
        .contains(
            "aws cloudwatch put-dashboard --dashboard-name"
                + " user3-performance-dashboard --dashboard-body file://"
                + out);
  }

  @Test
  void dashboard_malformedRegion_isRejected() {
    String err = CliRun.refused("dashboard", "--region", "us east");

    assertThat(err).contains("--region 'us east': expected a region code such as us-east-1");
  }
}
