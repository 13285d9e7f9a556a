package dev.perfkit.lab.cli;

import dev.perfkit.lab.local.LabScale;
import dev.perfkit.lab.report.LabResults;
import dev.perfkit.lab.runner.LabRunner;
import dev.perfkit.lab.runner.Terminal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perfkit-lab run}: the whole lab on this machine, unattended, with a report. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the lab's Tasks 1-7 on this machine, unattended: the local Lambda with the three "
          + "functions, the API stage, SQS and DynamoDB (dynalite, if Node.js is installed); "
          + "cold and warm, provisioned and on-demand, reserved-concurrency throttling, API "
          + "cache, throttle and quota, the load tester, 512 MB against 2048 MB, SQS with poison "
          + "messages, the dashboard and the analysis through GetMetricData.",
      "Writes DIR/index.html with charts and the dashboard drawn by the local CloudWatch the "
          + "lab fed, results.json, dashboard.json, dashboard.html, cloudwatch.json and the "
          + "functions' logs. "
          + "Settings one machine cannot run as the lab has them are scaled, and the run says "
          + "which. Exit code 1 when a step failed (the others still run)."
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin UsernameOption user;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "perfkit-report",
      description = "Directory of the report (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--scale",
      paramLabel = "FACTOR",
      description =
          "Concurrency scale above 0 and at most 1 (1 = the lab's reserved 50 and "
              + "provisioned 10); default 0.1 per processor, since each execution environment is a "
              + "JVM here.")
  Double scale;

  @Option(
      names = "--requests",
      paramLabel = "N",
      defaultValue = "" + LabRunner.LAB_REQUESTS,
      description =
          "Requests of the load test; the memory comparison sends half as many per "
              + "size (default: ${DEFAULT-VALUE}, the lab's).")
  int requests;

  @Option(
      names = "--messages",
      paramLabel = "N",
      defaultValue = "" + LabRunner.LAB_MESSAGES,
      description = "Messages of the SQS test (default: ${DEFAULT-VALUE}, the lab's).")
  int messages;

  @Option(
      names = "--poison",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "How many of the messages are poison, to end in the dead-letter queue "
              + "(default: ${DEFAULT-VALUE}).")
  int poison;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "Where dynalite is installed on first use (default: ~/.cache/perfkit).")
  Path cacheDirectory;

  @Override
  public Integer call() {
    LabRunner.Builder runner =
        LabRunner.builder(user.username)
            .outDirectory(out)
            .requests(requests)
            .messages(messages)
            .poisonMessages(poison)
            .output(spec.commandLine().getOut())
            .progress(spec.commandLine().getErr(), Terminal.attached());
    if (scale != null) {
      runner.scale(new LabScale(scale));
    }
    if (cacheDirectory != null) {
      runner.cacheDirectory(cacheDirectory);
    }
    LabResults results;
    try {
      results = runner.build().run();
    } catch (IOException | IllegalStateException e) {
      // The lab could not start (a port, the handlers jar, an environment that did not
      // initialise) or the report could not be written.
      spec.commandLine().getErr().println("perfkit-lab run: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      spec.commandLine().getErr().println("perfkit-lab run: interrupted");
      return 1;
    }
    return results.run().failures().isEmpty() ? 0 : 1;
  }
}
