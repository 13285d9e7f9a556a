package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.lambda.ProbeHandler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TuneCommandTest {

  private static LocalLambda lambda;

  @BeforeAll
  static void start() throws IOException, URISyntaxException {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    Path testClasses =
        Path.of(ProbeHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    lambda.deploy(
        FunctionConfig.builder(
                "cli-tuned", ProbeHandler.class.getName() + "::handleRequest", List.of(testClasses))
            .memoryMb(512)
            .build());
  }

  @AfterAll
  static void stop() {
    lambda.close();
  }

  private static CliRun tune(Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "tune",
                "--function",
                "cli-tuned",
                "--endpoint-url",
                lambda.endpoint().toString(),
                "--invocations",
                "2",
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void tune_localLambda_printsEverySizeTheChoicesAndTheLocalCpuNote(@TempDir Path out) {
    CliRun run = tune(out, "--memory", "256,1024");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Memory tuning of cli-tuned", "2 invocations per size, 1 at a time")
        .containsPattern("  256 MB +[0-9.]+ +[0-9.]+ +[0-9.]+ +1 +0 +0 ")
        .containsPattern(" 1024 MB +[0-9.]+ +[0-9.]+ +[0-9.]+ +1 +0 +0 ")
        .contains(
            "Cheapest: ",
            "Fastest: ",
            "Balanced: ",
            "Note: Local run: CPU does not scale with memory",
            "only runs on AWS rank memory sizes by speed",
            "Memory size restored to 512 MB.",
            "Chart: " + out.resolve("tune-cli-tuned.png"));
    assertThat(run.err())
        .contains("[1/2]   256 MB", "[2/2]  1024 MB", "] 2/2 p95 ", ", cold starts 1");
  }

  @Test
  void tune_chart_isAPngOfTwoCharts(@TempDir Path out) throws IOException {
    CliRun run = tune(out, "--memory", "256,1024");

    BufferedImage chart = ImageIO.read(out.resolve("tune-cli-tuned.png").toFile());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(chart).as("a PNG ImageIO can read").isNotNull();
    assertThat(chart.getWidth()).isGreaterThan(chart.getHeight());
  }

  @Test
  void tune_jsonOutput_givesEverySizeByField(@TempDir Path out) throws IOException {
    CliRun run = tune(out, "--memory", "384,768", "--output", "json");

    JsonNode report = new ObjectMapper().readTree(run.out());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(report.path("function").asText()).isEqualTo("cli-tuned");
    assertThat(report.path("local").asBoolean()).isTrue();
    assertThat(report.path("sizes").findValuesAsText("memory_mb")).containsExactly("384", "768");
    assertThat(report.path("sizes").findValuesAsText("successful")).containsExactly("2", "2");
    assertThat(report.path("balanced_mb").asInt()).isIn(384, 768);
    assertThat(run.err()).contains("Chart: ");
  }

  @Test
  void tune_unknownFunction_failsWithExitCodeOneAndLambdasMessage(@TempDir Path out) {
    CliRun run =
        CliRun.of(
            "tune",
            "--function",
            "nope",
            "--memory",
            "512",
            "--endpoint-url",
            lambda.endpoint().toString(),
            "--out",
            out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("perfkit-lab tune: tuning nope failed:", "Function not found");
  }

  static Stream<Arguments> badInput() {
    String local = "http://127.0.0.1:9";
    return Stream.of(
        arguments(
            new String[] {"--memory", " , ", "--endpoint-url", local},
            "perfkit-lab tune: --memory ' , ': give one or more memory sizes in MB, 128 to 10240"),
        arguments(
            new String[] {"--memory", "512,1GB", "--endpoint-url", local},
            "--memory '512,1GB': '1GB' is not a whole number of MB"),
        arguments(
            new String[] {"--memory", "512,20480", "--endpoint-url", local},
            "perfkit-lab tune: --memory: memory size 20480 MB is outside what Lambda allows: 128"
                + " to 10240 MB"),
        arguments(
            new String[] {
              "--memory", "512", "--payload", "operation=cpu_intensive", "--endpoint-url", local
            },
            "perfkit-lab tune: --payload: payload must be JSON"),
        arguments(
            new String[] {"--memory", "512", "--endpoint-url", "127.0.0.1:9001"},
            "--endpoint-url '127.0.0.1:9001': expected an http or https URL with a host"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInput")
  void tune_badInput_isRefusedNamingTheOption(String[] options, String why) {
    List<String> args = new ArrayList<>(List.of("tune", "--function", "fn"));
    args.addAll(List.of(options));

    String err = CliRun.refused(args.toArray(String[]::new));

    assertThat(err).contains(why);
  }
}
