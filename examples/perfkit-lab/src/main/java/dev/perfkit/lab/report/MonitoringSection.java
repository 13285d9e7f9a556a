package dev.perfkit.lab.report;

import static dev.perfkit.lab.report.HtmlElements.esc;

import java.util.List;

/** The page's Tasks 6 and 7: the dashboard as the local CloudWatch drew it, and the analysis. */
final class MonitoringSection {

  private MonitoringSection() {}

  static void append(StringBuilder h, String username, LabResults.Monitoring monitoring) {
    h.append("<h2>Task 6: the dashboard</h2>\n");
    String file = monitoring.dashboardFile();
    if (file != null) {
      h.append("<p>The dashboard's body is <a href=\"")
          .append(esc(file))
          .append("\">")
          .append(esc(file))
          .append("</a>; on AWS: <code>aws")
          .append(" cloudwatch put-dashboard --dashboard-name ")
          .append(esc(username))
          .append("-performance-dashboard --dashboard-body file://")
          .append(esc(file))
          .append("</code>.</p>\n");
    }
    String page = monitoring.dashboardPage();
    if (page != null) {
      h.append("<p>Put into the local CloudWatch with PutDashboard, which the lab fed as")
          .append(" CloudWatch is fed (the functions' EMF logs, AWS/Lambda, AWS/ApiGateway,")
          .append(" AWS/SQS), and drawn by it with the run's data (<a href=\"")
          .append(esc(page))
          .append("\">")
          .append(esc(page))
          .append("</a>")
          .append(
              monitoring.metricsFile() == null
                  ? ""
                  : "; every metric it holds: <a href=\""
                      + esc(monitoring.metricsFile())
                      + "\">"
                      + esc(monitoring.metricsFile())
                      + "</a>")
          .append("):</p>\n<iframe class=\"dashboard\" src=\"")
          .append(esc(page))
          .append("\" title=\"the dashboard drawn by the local CloudWatch\"></iframe>\n");
    }
    h.append("<h2>Task 7: analysis through GetMetricData</h2>\n");
    if (monitoring.analysisTable() != null) {
      h.append("<p>From the local CloudWatch, as <code>perfkit-lab analyze --endpoint-url")
          .append(" URL</code> asks it.</p>\n<pre>")
          .append(esc(monitoring.analysisTable()))
          .append("</pre>\n");
    }
    List<String> differences = monitoring.logDifferences();
    if (differences != null) {
      h.append("<p>The local Lambda's log files (REPORT lines and EMF documents, in <code>logs/")
          .append("</code>; <code>perfkit-lab analyze --logs logs</code>) tell ")
          .append(differences.isEmpty() ? "the same figures.</p>\n" : "otherwise here:</p>\n");
      if (!differences.isEmpty()) {
        h.append("<ul>\n");
        differences.forEach(d -> h.append("<li>").append(esc(d)).append("</li>\n"));
        h.append("</ul>\n");
      }
    }
  }
}
