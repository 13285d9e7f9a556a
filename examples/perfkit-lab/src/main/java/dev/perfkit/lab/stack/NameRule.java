package dev.perfkit.lab.stack;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each AWS service accepts in the names the stack gives its resources. IAM role names (64
 * characters) do not depend on the username: the stack leaves its roles unnamed, and CloudFormation
 * derives and shortens their names from the stack name.
 */
enum NameRule {
  LAMBDA_FUNCTION("Lambda function names", 1, 64, "[^a-zA-Z0-9_-]", "letters, digits, - and _"),
  SQS_QUEUE(
      "SQS queue names",
      1,
      80,
      "[^a-zA-Z0-9_-]",
      "letters, digits, - and _ (.fifo only as a FIFO queue's suffix)"),
  DYNAMODB_TABLE("DynamoDB table names", 3, 255, "[^a-zA-Z0-9_.-]", "letters, digits, _ . and -"),
  CLOUDWATCH_DASHBOARD(
      "CloudWatch dashboard names", 1, 255, "[^a-zA-Z0-9_-]", "letters, digits, - and _"),
  // API Gateway sets no character rule for API, usage plan and API key names; the API's name is
  // the ApiName dimension of its CloudWatch metrics, and dimension values hold 1024 characters.
  API_GATEWAY(
      "API Gateway API, usage plan and API key names (as CloudWatch ApiName dimension values)",
      1,
      1024,
      "\\p{Cntrl}",
      "printable characters");

  private final String what;
  private final int minLength;
  private final int maxLength;
  private final Pattern forbidden;
  private final String allowed;

  NameRule(String what, int minLength, int maxLength, String forbidden, String allowed) {
    this.what = what;
    this.minLength = minLength;
    this.maxLength = maxLength;
    this.forbidden = Pattern.compile(forbidden);
    this.allowed = allowed;
  }

  /**
   * Checks the names a username gives resources under this rule.
   *
   * @return what the names break, saying which rule, or empty when they comply
   */
  Optional<String> check(String username, List<String> names) {
    for (String name : names) {
      Matcher bad = forbidden.matcher(name);
      if (bad.find()) {
        return Optional.of(
            what + " allow only " + allowed + ": '" + name + "' has '" + bad.group() + "'");
      }
    }
    String longest = names.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
    if (longest.length() > maxLength) {
      String suffix = longest.substring(username.length());
      return Optional.of(
          what
              + " have at most "
              + maxLength
              + " characters: '"
              + longest
              + "' has "
              + longest.length()
              + "; after the suffix '"
              + suffix
              + "' a username has at most "
              + (maxLength - suffix.length())
              + " characters left");
    }
    String shortest = names.stream().min(Comparator.comparingInt(String::length)).orElseThrow();
    if (shortest.length() < minLength) {
      return Optional.of(
          what
              + " have at least "
              + minLength
              + " characters: '"
              + shortest
              + "' has "
              + shortest.length());
    }
    return Optional.empty();
  }
}
