package dev.perfkit.lab.cli;

import dev.perfkit.lab.deploy.DashboardBody;
import dev.perfkit.lab.stack.LabStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perfkit-lab dashboard}: the body of the user's CloudWatch dashboard. */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description = {
      "Write the body of the lab's CloudWatch dashboard (its five widgets) for the username, "
          + "for aws cloudwatch put-dashboard --dashboard-body file://FILE.",
      "The stack of perfkit-lab template creates the same dashboard itself."
    })
final class DashboardCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin UsernameOption user;

  @Mixin RegionOption region;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the body to FILE instead of standard output.")
  Path out;

  @Override
  public Integer call() {
    String metricsRegion = region.region();
    LabStack stack = LabStack.builder(user.username).build();
    String body = DashboardBody.render(stack, metricsRegion) + System.lineSeparator();
    PrintWriter stdout = spec.commandLine().getOut();
    if (out == null) {
      stdout.print(body);
    } else {
      try {
        Files.writeString(out, body);
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println("perfkit-lab dashboard: cannot write " + out + ": " + e);
        return 1;
      }
      stdout.println(
          "wrote "
              + out
              + "; create the dashboard with: aws cloudwatch put-dashboard"
              + " --dashboard-name "
              + stack.dashboardName()
              + " --dashboard-body file://"
              + out);
    }
    stdout.flush();
    return 0;
  }
}
