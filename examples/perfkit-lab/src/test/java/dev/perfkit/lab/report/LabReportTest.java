package dev.perfkit.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabReportTest {

  private static final Pattern IMAGE = Pattern.compile("<img src=\"([^\"]+)\"");

  @Test
  void write_completeResults_indexShowsEveryChartAsAPngBesideIt(@TempDir Path dir)
      throws IOException {
    Path index = LabReport.write(SampleResults.complete(), dir);

    List<String> images = images(Files.readString(index));
    assertThat(images).hasSize(11).doesNotHaveDuplicates();
    for (String image : images) {
      BufferedImage png = ImageIO.read(dir.resolve(image).toFile());
      assertThat(png).as(image).isNotNull();
      assertThat(png.getWidth()).as(image).isGreaterThan(400);
    }
  }

  @Test
  void write_sqsResults_showTheRampOfConcurrentBatches(@TempDir Path dir) throws IOException {
    String page = Files.readString(LabReport.write(SampleResults.complete(), dir));

    assertThat(images(page)).contains(Charts.SQS_SCALING);
    assertThat(page).contains("five concurrent batches and adds up to 300 more a minute");
    JsonNode json = new ObjectMapper().readTree(dir.resolve(LabReport.RESULTS).toFile());
    assertThat(json.at("/sqs/backlog/0/allowed_concurrency").asInt()).isEqualTo(1);
    assertThat(json.at("/sqs/backlog/7/allowed_concurrency").asInt()).isEqualTo(20);
  }

  @Test
  void write_results_sidecarHoldsTheFiguresInSnakeCase(@TempDir Path dir) throws IOException {
    LabReport.write(SampleResults.complete(), dir);

    JsonNode json = new ObjectMapper().readTree(dir.resolve(LabReport.RESULTS).toFile());
    assertThat(json.at("/started_at").asText()).isEqualTo("2025-01-01T10:00:00Z");
    assertThat(json.at("/sqs/processed").asLong() + json.at("/sqs/dead_lettered").asLong())
        .isEqualTo(json.at("/sqs/sent").asLong());
    assertThat(json.at("/api_cache/hits").asLong()).isEqualTo(20);
    assertThat(json.at("/load_test/results/successful_requests").asLong()).isEqualTo(100);
    assertThat(json.at("/memory/sizes/1/memory_mb").asInt()).isEqualTo(2048);
  }

  @Test
  void write_failedStep_isNamedAndItsChartsAreLeftOut(@TempDir Path dir) throws IOException {
    LabResults results = SampleResults.withSqs(false, List.of("Task 5 SQS failed: no queue"));

    String page = Files.readString(LabReport.write(results, dir));

    assertThat(page).contains("What did not run", "Task 5 SQS failed: no queue");
    assertThat(images(page)).noneMatch(image -> image.startsWith("sqs-"));
    assertThat(dir.resolve("sqs-backlog.png")).doesNotExist();
  }

  @Test
  void write_sameDirectoryAgain_removesTheEarlierRunsCharts(@TempDir Path dir) throws IOException {
    LabReport.write(SampleResults.complete(), dir);

    LabReport.write(SampleResults.withSqs(false, List.of("Task 5 SQS failed: no queue")), dir);

    assertThat(dir.resolve("sqs-backlog.png")).doesNotExist();
    assertThat(dir.resolve("cold-vs-warm.png")).exists();
  }

  @Test
  void write_textFromTheRun_isEscaped(@TempDir Path dir) throws IOException {
    String page = Files.readString(LabReport.write(SampleResults.complete(), dir));

    assertThat(page).contains("no table &lt;configured&gt;").doesNotContain("<configured>");
  }

  @Test
  void write_localRun_saysWhereItsResultsCannotStandForLambdas(@TempDir Path dir)
      throws IOException {
    String page = Files.readString(LabReport.write(SampleResults.complete(), dir));

    assertThat(page)
        .contains(
            "Where these local results cannot stand for Lambda's",
            "CPU does not scale with memory here",
            "Everything shares 2 processors",
            "Local run: CPU does not scale with memory here");
  }

  @Test
  void summaryTable_listsEachTasksHeadlineFigures() {
    String table = LabReport.summaryTable(SampleResults.complete());

    assertThat(table)
        .contains(
            "SQS sent / processed / dead-lettered",
            "500 / 495 / 5",
            "API 429 Too Many Requests / Limit Exceeded",
            "107 / 5",
            "provisioned first invocation, median");
  }

  private static List<String> images(String page) {
    List<String> images = new ArrayList<>();
    Matcher matcher = IMAGE.matcher(page);
    while (matcher.find()) {
      images.add(matcher.group(1));
    }
    return images;
  }
}
