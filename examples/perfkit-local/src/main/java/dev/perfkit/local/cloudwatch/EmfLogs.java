package dev.perfkit.local.cloudwatch;

/**
 * Where a function's log lines go to have their embedded metric format (EMF) documents extracted as
 * CloudWatch Logs extracts them. Thread-safe.
 *
 * <p>A line is a document when it is one JSON object with an {@code _aws} member, optionally after
 * the tab-separated metadata Lambda may prepend. A document that breaks the specification's rules
 * (required members, at most 100 metrics per directive, 30 dimensions per set, 100 values per
 * metric, dimension values that are strings, metric values that are numbers, CloudWatch units,
 * StorageResolution 1 or 60, a timestamp from 14 days ago to 2 hours ahead, 1 MB) adds nothing: it
 * stays a log line, and is counted in {@code AWS/Logs} {@code EMFValidationErrors} or {@code
 * EMFParsingErrors} by {@code LogGroupName}, as CloudWatch counts it.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">Specification:
 *     Embedded metric format</a>
 */
public interface EmfLogs {

  /**
   * Reads one log line.
   *
   * @param logGroup the line's log group, e.g. {@code /aws/lambda/my-function}
   * @param line the line, without its line terminator
   * @return what the line carried; a rejected document's problem, named
   */
  EmfResult accept(String logGroup, String line);
}
