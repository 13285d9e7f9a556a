package dev.perfkit.local.apigateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The request line and header fields of one HTTP/1.1 request (RFC 9112), with the header names
 * as the client spelled them. Bytes are read as ISO-8859-1, as the JDK's server reads them.
 *
 * @param method e.g. {@code GET}
 * @param target the request target, e.g. {@code /prod/performance?operation=default}
 * @param protocol e.g. {@code HTTP/1.1}
 * @param headers names as spelled, in order; lines of one name (in any case) grouped under its
 *     first spelling
 */
record RequestHead(
    String method, String target, String protocol, Map<String, List<String>> headers) {

  /** The most bytes a request line and its headers may take together. */
  static final int MAX_BYTES = 64 * 1024;

  RequestHead {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
  }

  /** A request the server cannot read: answered with {@code status}, then the connection closes. */
  static final class MalformedRequestException extends IOException {
    private static final long serialVersionUID = 1L;
    private final int status;

    MalformedRequestException(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }

  /**
   * Reads the next request's head.
   *
   * @return empty when the stream ends before a request starts (the client closed an idle
   *     connection)
   * @throws MalformedRequestException when it is not an HTTP/1.x request head, or too long
   * @throws IOException when reading fails or the stream ends within the head
   */
  static Optional<RequestHead> read(InputStream in) throws IOException {
    int[] budget = {MAX_BYTES};
    String requestLine;
    do {
      requestLine = line(in, budget);
      if (requestLine == null) {
        return Optional.empty();
      }
    } while (requestLine.isEmpty()); // RFC 9112 2.2: empty lines before a request are ignored
    String[] parts = requestLine.split(" ", -1);
    if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()
        || !parts[2].startsWith("HTTP/1.")) {
      throw new MalformedRequestException(400, "malformed request line: " + requestLine);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String field = fieldLine(in, budget); !field.isEmpty(); field = fieldLine(in, budget)) {
      int colon = field.indexOf(':');
      if (colon <= 0 || Character.isWhitespace(field.charAt(0))
          || Character.isWhitespace(field.charAt(colon - 1))) {
        throw new MalformedRequestException(400, "malformed header field: " + field);
      }
      String name = field.substring(0, colon);
      String value = field.substring(colon + 1).strip();
      String spelled =
          headers.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
      headers.computeIfAbsent(spelled, n -> new ArrayList<>()).add(value);
    }
    return Optional.of(new RequestHead(parts[0], parts[1], parts[2], headers));
  }

  /** The values of a header, looked up case-insensitively. */
  List<String> values(String name) {
    return headers.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(name))
        .findFirst()
        .map(Map.Entry::getValue)
        .orElse(List.of());
  }

  /** Whether a comma-separated header holds {@code token}, in any case. */
  boolean hasToken(String name, String token) {
    for (String value : values(name)) {
      for (String element : value.split(",")) {
        if (element.strip().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the connection stays open after the answer: HTTP/1.1 unless the client closes. */
  boolean keepAlive() {
    return protocol.equals("HTTP/1.1") && !hasToken("Connection", "close");
  }

  /** The path of the target, still percent-encoded (an absolute-form target's too). */
  String rawPath() {
    String path = withoutQuery();
    int scheme = path.indexOf("://");
    if (scheme > 0) {
      int slash = path.indexOf('/', scheme + 3);
      return slash < 0 ? "/" : path.substring(slash);
    }
    return path;
  }

  /** The target's query string, still percent-encoded; null when it has none. */
  String rawQuery() {
    int question = target.indexOf('?');
    return question < 0 ? null : target.substring(question + 1);
  }

  private String withoutQuery() {
    int question = target.indexOf('?');
    return question < 0 ? target : target.substring(0, question);
  }

  private static String fieldLine(InputStream in, int[] budget) throws IOException {
    String field = line(in, budget);
    if (field == null) {
      throw new IOException("the connection closed within a request head");
    }
    return field;
  }

  /** A line without its CRLF (or bare LF); null at the end of the stream before any byte. */
  private static String line(InputStream in, int[] budget) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (line.size() == 0) {
          return null;
        }
        throw new IOException("the connection closed within a request head");
      }
      if (--budget[0] < 0) {
        throw new MalformedRequestException(
            431, "request line and headers over " + MAX_BYTES + " bytes");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
  }

  /** {@code Transfer-Encoding} of the body, lower case; empty when it has none. */
  Optional<String> transferEncoding() {
    List<String> codings = values("Transfer-Encoding");
    return codings.isEmpty()
        ? Optional.empty()
        : Optional.of(String.join(",", codings).toLowerCase(Locale.ROOT).strip());
  }
}
