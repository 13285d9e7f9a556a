package dev.perfkit.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Standard output as the Lambda runtime hands it to a function (a {@link PrintStream}), writing
 * nowhere; {@link LogBytesProfiler} reports the bytes printed per operation.
 */
@State(Scope.Thread)
public class LogOutput {

  private final PrintStream stream =
      new PrintStream(new CountingOutputStream(), true, StandardCharsets.UTF_8);

  /** The stream a benchmarked logger prints to. */
  public PrintStream stream() {
    return stream;
  }
}
