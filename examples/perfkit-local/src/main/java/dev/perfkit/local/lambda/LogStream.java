package dev.perfkit.local.lambda;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The log stream of one execution environment: a file that the environment's JVM writes its output
 * to and that the local Lambda appends the platform's lines to ({@code START}, {@code END}, {@code
 * REPORT}), named as CloudWatch Logs names Lambda's streams.
 */
final class LogStream {

  private static final DateTimeFormatter STREAM_DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  final String name;
  final Path file;
  private OutputStream out;

  LogStream(Path functionLogDirectory, String version, Instant now) {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    this.name = STREAM_DATE.format(now) + "/[" + version + "]" + HexFormat.of().formatHex(id);
    this.file = functionLogDirectory.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
  }

  /** Creates the file; the environment's JVM appends to it from its start. */
  void create() throws IOException {
    Files.createDirectories(file.getParent());
    Files.createFile(file);
    out = new FileOutputStream(file.toFile(), true);
  }

  void append(String text) {
    try {
      if (out != null) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the log stream " + file, e);
    }
  }

  long size() {
    try {
      return Files.exists(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the log stream " + file, e);
    }
  }

  /** The last {@code maxBytes} of what was written since {@code mark} (a {@link #size()}). */
  byte[] tail(long mark, int maxBytes) {
    long end = size();
    long start = Math.max(mark, end - maxBytes);
    byte[] tail = new byte[(int) Math.max(0, end - start)];
    try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
      reader.seek(start);
      reader.readFully(tail);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the log stream " + file, e);
    }
    return tail;
  }

  void close() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot close the log stream " + file, e);
    }
  }
}
