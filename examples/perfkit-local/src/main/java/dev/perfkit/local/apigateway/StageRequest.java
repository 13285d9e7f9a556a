package dev.perfkit.local.apigateway;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A request to a route of the stage, as API Gateway sees it: headers named as the client spelled
 * them (looked up case-insensitively), the query string decoded, the body's bytes.
 */
@SuppressWarnings("ArrayRecordComponent") // the body is passed along, never compared
record StageRequest(
    HttpMethod method,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    byte[] body,
    String sourceIp,
    String protocol) {

  StageRequest {
    headers = copy(headers);
    query = copy(query);
  }

  /** The last value of a header, looked up case-insensitively. */
  Optional<String> header(String name) {
    List<String> values = headerValues(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  /** Every value of a header, looked up case-insensitively. */
  List<String> headerValues(String name) {
    List<String> values = new ArrayList<>();
    headers.forEach(
        (key, list) -> {
          if (key.equalsIgnoreCase(name)) {
            values.addAll(list);
          }
        });
    return values;
  }

  /** Every value of a query string parameter. */
  List<String> queryValues(String name) {
    return query.getOrDefault(name, List.of());
  }

  /** Whether the client asks to re-fetch its cache entry ({@code Cache-Control: max-age=0}). */
  boolean asksToInvalidateCache() {
    for (String value : headerValues("Cache-Control")) {
      for (String directive : value.split(",", -1)) {
        if (directive.trim().toLowerCase(Locale.ROOT).replace(" ", "").equals("max-age=0")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Parses a raw query string: {@code a=1&a=2&b} is a: [1, 2], b: [""]. */
  static Map<String, List<String>> parseQuery(String rawQuery) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformedEscape) {
      return raw;
    }
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> map) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    map.forEach((key, values) -> copy.put(key, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }
}
