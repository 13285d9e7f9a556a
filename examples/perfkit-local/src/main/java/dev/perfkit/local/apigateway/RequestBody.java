package dev.perfkit.local.apigateway;

import dev.perfkit.local.apigateway.RequestHead.MalformedRequestException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a request as its framing delimits it on the connection (RFC 9112 section 6): {@code
 * Transfer-Encoding: chunked}, else {@code Content-Length}, else none. Reading it never reads past
 * it, so that the next request on the connection starts where it ends.
 */
final class RequestBody {

  private static final int MAX_CHUNK_LINE = 1024;

  private RequestBody() {}

  /**
   * The body of the request whose head was just read from {@code connection}.
   *
   * @throws MalformedRequestException 501 for a transfer coding other than chunked, 400 for a
   *     bad {@code Content-Length}
   */
  static InputStream of(RequestHead head, InputStream connection)
      throws MalformedRequestException {
    if (head.transferEncoding().isPresent()) {
      if (!head.transferEncoding().get().equals("chunked")) {
        throw new MalformedRequestException(
            501, "unsupported Transfer-Encoding: " + head.transferEncoding().get());
      }
      return new Chunked(connection);
    }
    return new Fixed(connection, contentLength(head));
  }

  /** Reads what is left of {@code body}, up to {@code limit} bytes; true when it all was. */
  static boolean drain(InputStream body, long limit) throws IOException {
    long left = limit;
    byte[] buffer = new byte[8192];
    int read;
    while (left > 0 && (read = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
      left -= read;
    }
    return body.read() < 0;
  }

  private static long contentLength(RequestHead head) throws MalformedRequestException {
    long length = 0;
    boolean seen = false;
    for (String value : head.values("Content-Length")) {
      for (String element : value.split(",")) {
        long parsed;
        try {
          parsed = Long.parseLong(element.strip());
        } catch (NumberFormatException e) {
          parsed = -1;
        }
        if (parsed < 0 || (seen && parsed != length)) {
          throw new MalformedRequestException(400, "invalid Content-Length: " + value);
        }
        length = parsed;
        seen = true;
      }
    }
    return length;
  }

  /** A body read from the connection in blocks; one byte is a block of one. */
  private abstract static class Framed extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
  }

  /** Exactly {@code length} bytes. */
  private static final class Fixed extends Framed {
    private final InputStream in;
    private long left;

    Fixed(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (left == 0) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      int read = in.read(buffer, offset, (int) Math.min(length, left));
      if (read < 0) {
        throw new IOException("the connection closed with " + left + " bytes of the body unsent");
      }
      left -= read;
      return read;
    }
  }

  /** Chunks up to the last (size 0) one, whose trailer fields are read and dropped. */
  private static final class Chunked extends Framed {
    private final InputStream in;
    private long leftInChunk;
    private boolean ended;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (ended) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      if (leftInChunk == 0) {
        leftInChunk = chunkSize();
        if (leftInChunk == 0) {
          while (!line().isEmpty()) {
            // trailer fields: not passed on
          }
          ended = true;
          return -1;
        }
      }
      int read = in.read(buffer, offset, (int) Math.min(length, leftInChunk));
      if (read < 0) {
        throw new IOException("the connection closed within a chunk");
      }
      leftInChunk -= read;
      if (leftInChunk == 0 && !line().isEmpty()) {
        throw new MalformedRequestException(400, "a chunk does not end with CRLF");
      }
      return read;
    }

    private long chunkSize() throws IOException {
      String line = line();
      int extension = line.indexOf(';');
      String size = (extension < 0 ? line : line.substring(0, extension)).strip();
      try {
        long parsed = Long.parseLong(size, 16);
        if (parsed < 0) {
          throw new NumberFormatException(size);
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new MalformedRequestException(400, "invalid chunk size: " + line);
      }
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new IOException("the connection closed within a chunked body");
        }
        if (line.length() >= MAX_CHUNK_LINE) {
          throw new MalformedRequestException(400, "chunk line over " + MAX_CHUNK_LINE + " bytes");
        }
        line.append((char) b);
      }
      int end = line.length();
      return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }
  }
}
