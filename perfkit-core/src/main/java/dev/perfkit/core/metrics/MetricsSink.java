package dev.perfkit.core.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Objects;

/**
 * Where EMF documents go. One call per document; the document is UTF-8 JSON without a line
 * terminator, and the array is reused after the call returns, so a sink must copy what it keeps.
 * Calls may come from several threads at once.
 */
@FunctionalInterface
public interface MetricsSink {

  /**
   * Writes {@code length} bytes of one document starting at {@code offset}.
   *
   * @param utf8Json the array holding the document; reused by the caller after this returns
   * @param offset where the document starts in {@code utf8Json}
   * @param length the document's length in bytes
   * @throws IOException when the document could not be written; the emitter reports it as an {@link
   *     java.io.UncheckedIOException}
   */
  void write(byte[] utf8Json, int offset, int length) throws IOException;

  /**
   * Standard output, one line per document: what CloudWatch Logs reads on Lambda. The stream is
   * looked up on each write, so the Lambda runtime's replacement of {@code System.out} is seen.
   *
   * @return a sink writing to {@link System#out}
   */
  static MetricsSink stdout() {
    return (utf8Json, offset, length) -> writeLine(System.out, utf8Json, offset, length);
  }

  /**
   * {@code out}, one line per document, written and flushed under the stream's own lock.
   *
   * @param out the stream; the caller keeps ownership and closes it
   * @return a sink writing to {@code out}
   */
  static MetricsSink of(OutputStream out) {
    Objects.requireNonNull(out, "out");
    return (utf8Json, offset, length) -> writeLine(out, utf8Json, offset, length);
  }

  private static void writeLine(OutputStream out, byte[] utf8Json, int offset, int length)
      throws IOException {
    // PrintStream locks on itself too, so other println calls cannot land inside a document.
    synchronized (out) {
      out.write(utf8Json, offset, length);
      out.write('\n');
      out.flush();
    }
    if (out instanceof PrintStream printStream && printStream.checkError()) {
      throw new IOException("the print stream reported an error while writing an EMF document");
    }
  }
}
