package dev.perfkit.handlers;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.Environment;
import dev.perfkit.core.load.LoadGenerator;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of one load test, read from the request body and checked: every value is in range
 * and exactly one target is named.
 *
 * @param targetFunction function name, {@code name:qualifier} or ARN; null in URL mode
 * @param targetUrl URL to POST to; null in function mode
 * @param headers extra request headers of URL mode
 * @param testPayload what each request carries
 * @param concurrentRequests requests in flight
 * @param totalRequests requests to send
 * @param targetRps open-loop rate, 0 for closed loop
 * @param workers fan-out width, 0 for none
 * @param budgetMs time limit asked for, 0 for none
 * @param workerIndex 1-based index when this is a fan-out worker's share, 0 otherwise
 */
record LoadTesterRequest(
    String targetFunction,
    URI targetUrl,
    Map<String, String> headers,
    ObjectNode testPayload,
    int concurrentRequests,
    long totalRequests,
    double targetRps,
    int workers,
    long budgetMs,
    int workerIndex) {

  static final String CONCURRENT_REQUESTS = "concurrentRequests";
  static final String TOTAL_REQUESTS = "totalRequests";
  static final String TARGET_FUNCTION = "targetFunction";
  static final String TARGET_URL = "targetUrl";
  static final String HEADERS = "headers";
  static final String TEST_PAYLOAD = "testPayload";
  static final String TARGET_RPS = "targetRps";
  static final String WORKERS = "workers";
  static final String BUDGET_MS = "budgetMs";
  static final String WORKER_INDEX = "workerIndex";

  static final Set<String> FIELDS =
      Set.of(
          CONCURRENT_REQUESTS,
          TOTAL_REQUESTS,
          TARGET_FUNCTION,
          TARGET_URL,
          HEADERS,
          TEST_PAYLOAD,
          TARGET_RPS,
          WORKERS,
          BUDGET_MS,
          WORKER_INDEX);

  static final String PERFKIT_TARGET_FUNCTION = "PERFKIT_TARGET_FUNCTION";

  static final int DEFAULT_CONCURRENT_REQUESTS = 10;
  static final long DEFAULT_TOTAL_REQUESTS = 100;
  static final long MAX_TOTAL_REQUESTS = 1_000_000;
  static final int MAX_WORKERS = 100;
  static final long MAX_BUDGET_MS = LoadTesterConfig.LAMBDA_MAX_TIMEOUT.toMillis();
  static final int MAX_HEADERS = 50;

  // Lambda's FunctionName pattern: name, name:qualifier, partial or full ARN.
  private static final Pattern FUNCTION =
      Pattern.compile(
          "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
              + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
  private static final int MAX_FUNCTION_LENGTH = 170;
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  private static final Set<String> RESERVED_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection", "expect", "upgrade");

  /**
   * Reads a request body (the lab's JSON string; null or blank means {@code {}}); the target
   * defaults to {@code PERFKIT_TARGET_FUNCTION}.
   *
   * @throws LoadTesterException 400 naming the field at fault, 500 for a malformed default target
   */
  static LoadTesterRequest parse(String body, Environment environment, ObjectMapper mapper) {
    JsonNode root = readObject(body, mapper);
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!FIELDS.contains(field.getKey())) {
        throw LoadTesterException.invalid(
            field.getKey(),
            "Unknown field '"
                + field.getKey()
                + "': allowed fields are "
                + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    }
    int concurrency =
        (int)
            integer(
                root,
                CONCURRENT_REQUESTS,
                1,
                LoadGenerator.MAX_CONCURRENCY,
                DEFAULT_CONCURRENT_REQUESTS);
    long total = integer(root, TOTAL_REQUESTS, 1, MAX_TOTAL_REQUESTS, DEFAULT_TOTAL_REQUESTS);
    double rps = targetRps(root.get(TARGET_RPS));
    int workerIndex = (int) integer(root, WORKER_INDEX, 1, MAX_WORKERS, 0);
    int workers = workers(root, concurrency, total, workerIndex);
    long budgetMs = integer(root, BUDGET_MS, 1, MAX_BUDGET_MS, 0);
    ObjectNode payload = testPayload(root.get(TEST_PAYLOAD), mapper);

    String function = text(root, TARGET_FUNCTION);
    String url = text(root, TARGET_URL);
    JsonNode headers = present(root.get(HEADERS));
    if (function != null && url != null) {
      throw LoadTesterException.invalid(
          TARGET_URL, "Give either 'targetFunction' or 'targetUrl', not both");
    }
    if (url != null) {
      return new LoadTesterRequest(
          null,
          url(url),
          headers(headers),
          payload,
          concurrency,
          total,
          rps,
          workers,
          budgetMs,
          workerIndex);
    }
    if (headers != null) {
      throw LoadTesterException.invalid(
          HEADERS, "'headers' applies to 'targetUrl' only; a Lambda invoke carries none");
    }
    if (function == null) {
      function =
          environment
              .get(PERFKIT_TARGET_FUNCTION)
              .map(String::trim)
              .orElseThrow(
                  () ->
                      LoadTesterException.invalid(
                          TARGET_FUNCTION,
                          "Missing target: give 'targetFunction' "
                              + "(a function name, name:qualifier or ARN) or 'targetUrl', or set "
                              + PERFKIT_TARGET_FUNCTION));
      if (!isFunctionName(function)) {
        throw LoadTesterException.configuration(
            PERFKIT_TARGET_FUNCTION
                + " must be a function name, name:qualifier or ARN, was "
                + function);
      }
    } else if (!isFunctionName(function)) {
      throw LoadTesterException.invalid(
          TARGET_FUNCTION,
          "a function name, name:qualifier or ARN (letters, digits, '-', '_')",
          function);
    }
    return new LoadTesterRequest(
        function, null, Map.of(), payload, concurrency, total, rps, workers, budgetMs, workerIndex);
  }

  /** The body that hands worker {@code index} (1-based) its share of this test. */
  ObjectNode workerBody(
      ObjectMapper mapper, int index, long total, int concurrency, double rps, long budgetMs) {
    ObjectNode body = mapper.createObjectNode();
    if (targetFunction != null) {
      body.put(TARGET_FUNCTION, targetFunction);
    } else {
      body.put(TARGET_URL, targetUrl.toString());
      if (!headers.isEmpty()) {
        ObjectNode headerNode = body.putObject(HEADERS);
        headers.forEach(headerNode::put);
      }
    }
    body.set(TEST_PAYLOAD, testPayload);
    body.put(CONCURRENT_REQUESTS, concurrency);
    body.put(TOTAL_REQUESTS, total);
    if (rps > 0) {
      body.put(TARGET_RPS, rps);
    }
    if (budgetMs > 0) {
      body.put(BUDGET_MS, budgetMs);
    }
    body.put(WORKER_INDEX, index);
    return body;
  }

  /** What the test points at, without query string or headers (they may hold secrets). */
  String describeTarget() {
    if (targetFunction != null) {
      return "function " + targetFunction;
    }
    String authority =
        targetUrl.getRawAuthority() == null
            ? ""
            : targetUrl.getRawAuthority().replaceAll(".*@", "");
    String path = targetUrl.getRawPath() == null ? "" : targetUrl.getRawPath();
    return "url " + targetUrl.getScheme() + "://" + authority + path;
  }

  /** Header values left out: they may be keys. */
  @Override
  public String toString() {
    return "LoadTesterRequest["
        + describeTarget()
        + ", headers="
        + headers.keySet()
        + ", concurrentRequests="
        + concurrentRequests
        + ", totalRequests="
        + totalRequests
        + ", targetRps="
        + targetRps
        + ", workers="
        + workers
        + ", budgetMs="
        + budgetMs
        + ", workerIndex="
        + workerIndex
        + "]";
  }

  static boolean isFunctionName(String value) {
    return value.length() <= MAX_FUNCTION_LENGTH && FUNCTION.matcher(value).matches();
  }

  private static JsonNode readObject(String body, ObjectMapper mapper) {
    if (body == null || body.isBlank()) {
      return mapper.createObjectNode();
    }
    JsonNode root;
    try {
      root = mapper.readTree(body);
    } catch (JacksonException e) {
      throw LoadTesterException.malformed("The body is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw LoadTesterException.malformed(
          "The body must be a JSON object, e.g. "
              + "{\"concurrentRequests\": 10, \"totalRequests\": 100, \"targetFunction\": \"name\"}");
    }
    return root;
  }

  private static JsonNode present(JsonNode node) {
    return node == null || node.isNull() ? null : node;
  }

  private static long integer(JsonNode root, String field, long min, long max, long absent) {
    JsonNode node = present(root.get(field));
    if (node == null) {
      return absent;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.longValue() < min
        || node.longValue() > max) {
      throw LoadTesterException.invalid(
          field, "an integer from " + min + " to " + max, shown(node));
    }
    return node.longValue();
  }

  private static double targetRps(JsonNode raw) {
    JsonNode node = present(raw);
    if (node == null) {
      return 0;
    }
    if (!node.isNumber()
        || !(node.doubleValue() > 0)
        || node.doubleValue() > LoadGenerator.MAX_TARGET_RPS) {
      throw LoadTesterException.invalid(
          TARGET_RPS,
          "a number above 0 and at most "
              + (long) LoadGenerator.MAX_TARGET_RPS
              + " (requests per second)",
          shown(node));
    }
    return node.doubleValue();
  }

  private static int workers(JsonNode root, int concurrency, long total, int workerIndex) {
    int workers = (int) integer(root, WORKERS, 1, MAX_WORKERS, 0);
    if (workers == 0) {
      return 0;
    }
    if (workerIndex > 0) {
      throw LoadTesterException.invalid(
          WORKERS,
          "A fan-out worker (workerIndex "
              + workerIndex
              + ") does not fan out again: "
              + "remove 'workers' or 'workerIndex'");
    }
    if (workers > concurrency || workers > total) {
      throw LoadTesterException.invalid(
          WORKERS,
          "an integer from 1 to min(concurrentRequests, "
              + "totalRequests) = "
              + Math.min(concurrency, total)
              + ", so each worker has a share",
          workers);
    }
    return workers;
  }

  private static String text(JsonNode root, String field) {
    JsonNode node = present(root.get(field));
    if (node == null) {
      return null;
    }
    if (!node.isTextual() || node.textValue().isBlank()) {
      throw LoadTesterException.invalid(field, "a non-empty string", shown(node));
    }
    return node.textValue().trim();
  }

  private static ObjectNode testPayload(JsonNode raw, ObjectMapper mapper) {
    JsonNode node = present(raw);
    if (node == null) {
      return mapper.createObjectNode().put("operation", "default");
    }
    if (!node.isObject()) {
      throw LoadTesterException.invalid(
          TEST_PAYLOAD, "a JSON object (the body each request sends)", shown(node));
    }
    return (ObjectNode) node;
  }

  private static URI url(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw LoadTesterException.invalid(
          TARGET_URL,
          "an absolute http or https URL, e.g. https://api.example.com/prod/performance",
          "a malformed URL (" + e.getReason() + ")");
    }
    if (uri.getScheme() == null) {
      throw LoadTesterException.invalid(
          TARGET_URL,
          "an absolute http or https URL, e.g. https://api.example.com/prod/performance",
          value);
    }
    return uri;
  }

  private static Map<String, String> headers(JsonNode node) {
    if (node == null) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw LoadTesterException.invalid(
          HEADERS,
          "an object of header names to string values, e.g. {\"x-api-key\": \"...\"}",
          "a " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    if (node.size() > MAX_HEADERS) {
      throw LoadTesterException.invalid(
          HEADERS, "at most " + MAX_HEADERS + " headers", node.size() + " headers");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String name = entry.getKey();
      if (!HEADER_NAME.matcher(name).matches()
          || RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw LoadTesterException.invalid(
            HEADERS,
            "Header name '"
                + name
                + "' is not allowed: "
                + "use an HTTP token, not one of "
                + RESERVED_HEADERS.stream().sorted().toList());
      }
      // The value is never echoed: it may be a key.
      if (!entry.getValue().isTextual()
          || entry.getValue().textValue().indexOf('\n') >= 0
          || entry.getValue().textValue().indexOf('\r') >= 0) {
        throw LoadTesterException.invalid(
            HEADERS, "The value of header '" + name + "' must be a single-line string");
      }
      headers.put(name, entry.getValue().textValue());
    }
    return Collections.unmodifiableMap(headers);
  }

  private static Object shown(JsonNode node) {
    return node.isTextual() ? node.textValue() : node;
  }
}
