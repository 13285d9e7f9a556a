package dev.perfkit.local.lambda;

import java.io.IOException;
import java.util.regex.Pattern;

/**
 * One operation of the Lambda API: its HTTP method and path (the function name, alias or UUID in
 * the path's groups), and what answers it.
 *
 * @param method e.g. {@code GET}
 * @param path the raw path, matched whole
 * @param handler answers the call
 */
record Route(String method, Pattern path, Handler handler) {

  /** Answers one call of the operation. */
  interface Handler {
    void handle(ApiCall call) throws IOException;
  }

  /** A route whose path is {@code regex} followed by an optional {@code /}. */
  static Route of(String method, String regex, Handler handler) {
    return new Route(method, Pattern.compile(regex + "/?"), handler);
  }
}
