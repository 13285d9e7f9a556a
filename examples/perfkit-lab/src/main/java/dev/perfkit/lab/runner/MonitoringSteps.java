package dev.perfkit.lab.runner;

import dev.perfkit.lab.analysis.LambdaLogs;
import dev.perfkit.lab.analysis.LambdaPrices;
import dev.perfkit.lab.analysis.PerformanceReport;
import dev.perfkit.lab.deploy.DashboardBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tasks 6 and 7, once the lab stopped: the dashboard's body, and the analysis of the logs. */
final class MonitoringSteps {

  /** The dashboard body's file in the report directory. */
  static final String DASHBOARD_FILE = "dashboard.json";

  private final Console console;
  private final RunPlan plan;

  MonitoringSteps(Console console, RunPlan plan) {
    this.console = console;
    this.plan = plan;
  }

  /** Task 6: writes the lab's dashboard body into {@code out}; returns its file name. */
  String dashboard(Path out) throws IOException {
    Path file = out.resolve(DASHBOARD_FILE);
    Files.writeString(file,
        DashboardBody.render(plan.labStack, "us-east-1") + System.lineSeparator());
    console.line("wrote " + file + " (aws cloudwatch put-dashboard --dashboard-name "
        + plan.labStack.dashboardName() + " --dashboard-body file://" + file + ")");
    return DASHBOARD_FILE;
  }

  /** Task 7: the analysis of the functions' logs in {@code logs}, as {@code analyze} prints it. */
  PerformanceReport analysis(Path logs) {
    PerformanceReport analysis =
        new LambdaLogs(LambdaPrices.X86_US_EAST_1).report(plan.stack, List.of(logs));
    console.print(analysis.toTable().indent(2));
    return analysis;
  }
}
