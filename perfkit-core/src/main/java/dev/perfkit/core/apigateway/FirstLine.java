package dev.perfkit.core.apigateway;

/**
 * The first line of an exception's message: what a caller may see of it, without the lines of
 * detail (stack frames, a parser's excerpt of the input) that follow.
 */
final class FirstLine {

  private FirstLine() {}

  /** The first line of {@code message}, or {@code whenBlank} when that line is null or blank. */
  static String of(String message, String whenBlank) {
    if (message == null) {
      return whenBlank;
    }
    int end = message.indexOf('\n');
    String line = end < 0 ? message : message.substring(0, end);
    return line.isBlank() ? whenBlank : line;
  }
}
