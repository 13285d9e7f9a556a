package dev.perfkit.bench;

import java.io.OutputStream;

/** Discards what is written and reports the byte count to {@link LogBytesProfiler}. */
final class CountingOutputStream extends OutputStream {

  @Override
  public void write(int b) {
    LogBytesProfiler.record(1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    LogBytesProfiler.record(len);
  }
}
