package dev.perfkit.lab.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.testing.RequiredTool;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.LabStack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rendered templates through cfn-lint, which expands them with the real SAM translator and
 * checks the result against CloudFormation's resource schemas and Lambda's runtime lifecycle.
 * cfn-lint is a Python tool: where it is not installed the test is skipped, saying so.
 */
class CfnLintIT {

  @Test
  void render_everyColdStartMode_passesCfnLint(@TempDir Path dir) throws Exception {
    RequiredTool.require(
        "cfn-lint",
        run(dir, List.of("cfn-lint", "--version")).exitCode == 0,
        "pip install cfn-lint");
    List<String> command = new ArrayList<>(List.of("cfn-lint", "--format", "parseable"));
    for (ColdStartMode mode : ColdStartMode.values()) {
      Path template = dir.resolve(mode.name().toLowerCase(java.util.Locale.ROOT) + ".yaml");
      Files.writeString(
          template, SamTemplate.render(LabStack.forUser("user3", mode), "handlers-lambda.jar"));
      command.add(template.toString());
    }

    Result lint = run(dir, command);

    assertThat(lint.output).isEmpty();
    assertThat(lint.exitCode).isZero();
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path dir, List<String> command)
      throws IOException, InterruptedException {
    Process process;
    try {
      process =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      return new Result(-1, notInstalled.getMessage());
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(command + " took over 2 minutes");
    }
    return new Result(process.exitValue(), output.strip());
  }
}
