package dev.perfkit.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

class PerfkitLabTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> properties(String yaml, String logicalId) {
    Map<String, Object> resources =
        (Map<String, Object>) new Yaml().<Map<String, Object>>load(yaml).get("Resources");
    return (Map<String, Object>) ((Map<String, Object>) resources.get(logicalId)).get("Properties");
  }

  @Test
  void help_listsTheTemplateCommand() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: perfkit-lab").contains("template");
  }

  @Test
  void version_printsTheBuildVersion() {
    CliRun run = CliRun.of("--version");

    assertThat(run.out()).matches("perfkit-lab \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R");
  }

  @Test
  void noCommand_isAUsageError() {
    String err = CliRun.refused();

    assertThat(err).contains("Missing command");
  }

  @Test
  void template_withoutOut_writesTheTemplateToStandardOutput() {
    CliRun run = CliRun.of("template", "--username", "user3");

    assertThat(run.exitCode()).isZero();
    assertThat(properties(run.out(), "PerformanceFunction"))
        .containsEntry("FunctionName", "user3-performance-function")
        .containsKey("ProvisionedConcurrencyConfig");
  }

  @Test
  void template_withoutUsername_prefixesWithLocal() {
    CliRun run = CliRun.of("template");

    assertThat(properties(run.out(), "SqsScaler"))
        .containsEntry("FunctionName", "local-sqs-scaler");
  }

  @Test
  void template_coldStartSnapStart_rendersSnapStartInsteadOfProvisioned() {
    CliRun run = CliRun.of("template", "--cold-start", "snapstart");

    assertThat(properties(run.out(), "PerformanceFunction"))
        .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"))
        .doesNotContainKey("ProvisionedConcurrencyConfig");
  }

  @Test
  void template_out_writesTheFileWithCodeUriRelativeToIt(@TempDir Path dir) throws Exception {
    Files.createDirectory(dir.resolve("deploy"));
    Path jar = Files.createFile(dir.resolve("handlers-lambda.jar"));
    Path out = dir.resolve("deploy/template.yaml");

    CliRun run =
        CliRun.of(
            "template",
            "--username",
            "user3",
            "--out",
            out.toString(),
            "--code-uri",
            jar.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("wrote " + out).contains("sam deploy");
    assertThat(properties(Files.readString(out), "LoadTester"))
        .containsEntry("CodeUri", "../handlers-lambda.jar");
  }

  @Test
  void template_out_suggestsAStackNameCloudFormationAccepts(@TempDir Path dir) {
    CliRun run =
        CliRun.of("template", "--username", "7_user", "--out", dir.resolve("t.yaml").toString());

    assertThat(run.out()).contains("--stack-name perfkit-7-user-perfkit-lab ");
  }

  @Test
  void template_s3CodeUri_isWrittenAsGiven(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("template.yaml");

    CliRun.of("template", "--out", out.toString(), "--code-uri", "s3://bucket/handlers.jar");

    assertThat(properties(Files.readString(out), "LoadTester"))
        .containsEntry("CodeUri", "s3://bucket/handlers.jar");
  }

  @Test
  void template_missingCodeJar_saysHowToBuildIt() {
    CliRun run = CliRun.of("template", "--code-uri", "no/such/handlers.jar");

    assertThat(run.exitCode()).isZero();
    assertThat(run.err())
        .contains("no/such/handlers.jar does not exist yet")
        .contains("./mvnw -B -pl perfkit-handlers -am package");
  }

  @Test
  void template_badUsername_namesTheRuleItBreaks() {
    CliRun run = CliRun.of("template", "--username", "user.3");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(
            "Lambda function names allow only letters, digits, - and _:"
                + " 'user.3-performance-function' has '.'");
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        arguments(
            new String[] {"template", "--cold-start", "fast"},
            new String[] {"'fast' is not one of provisioned, snapstart, none"}),
        arguments(
            new String[] {"template", "--username", "user7", "--reserved-elsewhere", "900"},
            new String[] {"Lambda keeps at least 100 unreserved", "may reserve at most 0"}),
        arguments(
            new String[] {"template", "--sqs-reserved", "20", "--sqs-max-concurrency", "50"},
            new String[] {"MaximumConcurrency 50", "reserved concurrency 20"}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSettings")
  void template_badSettings_areRefusedSayingWhy(String[] args, String[] why) {
    String err = CliRun.refused(args);

    assertThat(err).contains(why);
  }

  @Test
  void template_unwritableOut_reportsTheFile(@TempDir Path dir) {
    Path out = dir.resolve("missing-dir/template.yaml");

    CliRun run = CliRun.of("template", "--out", out.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("cannot write " + out);
  }
}
