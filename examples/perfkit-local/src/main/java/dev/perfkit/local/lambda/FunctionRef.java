package dev.perfkit.local.lambda;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function as the Invoke API names it: {@code name}, {@code name:qualifier}, a function ARN or a
 * partial ARN ({@code 123456789012:function:name}), with an optional separate qualifier.
 */
record FunctionRef(String name, Optional<String> qualifier) {

  private static final Pattern ARN =
      Pattern.compile("arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:(.+)");
  private static final Pattern PARTIAL_ARN = Pattern.compile("\\d{12}:function:(.+)");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern QUALIFIER = Pattern.compile("\\$LATEST|[A-Za-z0-9_-]{1,128}");

  static FunctionRef parse(String functionName, Optional<String> qualifier) {
    String rest = functionName;
    Matcher arn = ARN.matcher(functionName);
    Matcher partial = PARTIAL_ARN.matcher(functionName);
    if (arn.matches()) {
      rest = arn.group(1);
    } else if (partial.matches()) {
      rest = partial.group(1);
    }
    String[] parts = rest.split(":", -1);
    if (parts.length > 2 || !NAME.matcher(parts[0]).matches()) {
      throw LocalLambdaException.invalidParameter(
          "FunctionName must be a name of 1 to 64 letters, digits, '-' or '_', optionally with"
              + " ':qualifier', or a function ARN; was '"
              + functionName
              + "'");
    }
    Optional<String> derived = parts.length == 2 ? Optional.of(parts[1]) : Optional.empty();
    if (derived.isPresent() && qualifier.isPresent() && !derived.equals(qualifier)) {
      throw LocalLambdaException.invalidParameter(
          "The derived qualifier from the function name does not match the specified qualifier.");
    }
    Optional<String> effective = derived.isPresent() ? derived : qualifier;
    if (effective.isPresent() && !QUALIFIER.matcher(effective.get()).matches()) {
      throw LocalLambdaException.invalidParameter(
          "Qualifier must be $LATEST, a version number or an alias name; was '"
              + effective.get()
              + "'");
    }
    return new FunctionRef(parts[0], effective);
  }
}
