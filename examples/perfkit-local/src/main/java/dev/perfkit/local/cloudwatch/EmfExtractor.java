package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.metrics.MetricUnit;
import dev.perfkit.core.metrics.StorageResolution;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** The EMF rules of {@link EmfLogs}, checked on the whole document before anything is added. */
final class EmfExtractor implements EmfLogs {

  static final String LOGS_NAMESPACE = "AWS/Logs";
  static final String LOG_GROUP_NAME = "LogGroupName";
  static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
  static final int MAX_METRICS_PER_DIRECTIVE = 100;
  static final int MAX_DIMENSIONS_PER_SET = 30;
  static final int MAX_VALUES_PER_METRIC = 100;
  static final Duration MAX_PAST = Duration.ofDays(14);
  static final Duration MAX_FUTURE = Duration.ofHours(2);

  /** CloudWatch's range of a metric value: 2^360 either side of zero. */
  static final double MAX_MAGNITUDE = Math.pow(2, 360);

  /** Lambda's "timestamp TAB request id TAB level TAB" before a document, when present. */
  private static final Pattern LAMBDA_PREFIX = Pattern.compile("^(?:[^\\s{]+\\t){1,3}(?=\\{)");

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final MetricStore store;
  private final Publisher publisher;
  private final Clock clock;
  private final AtomicLong extracted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  EmfExtractor(MetricStore store, Clock clock) {
    this.store = store;
    this.publisher = new Publisher(store);
    this.clock = clock;
  }

  long extracted() {
    return extracted.get();
  }

  long rejected() {
    return rejected.get();
  }

  @Override
  public EmfResult accept(String logGroup, String line) {
    Publisher.required("logGroup", logGroup);
    if (line == null) {
      return EmfResult.notEmf();
    }
    String text = LAMBDA_PREFIX.matcher(line.strip()).replaceFirst("");
    if (!text.startsWith("{")) {
      return EmfResult.notEmf();
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return text.contains("\"_aws\"")
          ? reject(logGroup, "EMFParsingErrors", "the line is not one valid JSON object")
          : EmfResult.notEmf();
    }
    if (!root.isObject() || !root.has("_aws")) {
      return EmfResult.notEmf();
    }
    try {
      if (text.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
        throw new Invalid("the document is larger than " + MAX_DOCUMENT_BYTES + " bytes");
      }
      List<Sample> samples = samples(root);
      int values = 0;
      for (Sample sample : samples) {
        store.put(sample);
        values += sample.values().length;
      }
      extracted.incrementAndGet();
      return new EmfResult(EmfResult.Outcome.EXTRACTED, values, "");
    } catch (Invalid e) {
      return reject(logGroup, "EMFValidationErrors", e.getMessage());
    }
  }

  private EmfResult reject(String logGroup, String metric, String problem) {
    rejected.incrementAndGet();
    publisher.publish(
        LOGS_NAMESPACE,
        metric,
        MetricUnit.COUNT,
        clock.instant(),
        1,
        List.of(List.of(new Dimension(LOG_GROUP_NAME, logGroup))));
    return EmfResult.rejected(problem);
  }

  private List<Sample> samples(JsonNode root) throws Invalid {
    JsonNode metadata = root.get("_aws");
    if (!metadata.isObject()) {
      throw new Invalid("_aws must be an object");
    }
    JsonNode timestamp = metadata.get("Timestamp");
    if (timestamp == null || !timestamp.isIntegralNumber()) {
      throw new Invalid("_aws.Timestamp must be a number of milliseconds since the epoch");
    }
    Instant at = Instant.ofEpochMilli(timestamp.asLong());
    Instant now = clock.instant();
    if (at.isBefore(now.minus(MAX_PAST)) || at.isAfter(now.plus(MAX_FUTURE))) {
      throw new Invalid(
          "_aws.Timestamp " + at + " is more than 14 days before or 2 hours after " + now);
    }
    JsonNode directives = metadata.get("CloudWatchMetrics");
    if (directives == null || !directives.isArray()) {
      throw new Invalid("_aws.CloudWatchMetrics must be an array of metric directives");
    }
    List<Sample> samples = new ArrayList<>();
    for (int d = 0; d < directives.size(); d++) {
      directive(root, directives.get(d), "_aws.CloudWatchMetrics[" + d + "]", at, samples);
    }
    return samples;
  }

  private static void directive(
      JsonNode root, JsonNode directive, String path, Instant at, List<Sample> samples)
      throws Invalid {
    if (!directive.isObject()) {
      throw new Invalid(path + " must be an object");
    }
    String namespace = text(directive, "Namespace", path, 255);
    if (namespace.startsWith("AWS/") || namespace.startsWith(":")) {
      throw new Invalid(
          path
              + ".Namespace '"
              + namespace
              + "' must not start with 'AWS/' (reserved for AWS services) or ':'");
    }
    List<List<Dimension>> sets = dimensionSets(root, directive.get("Dimensions"), path);
    JsonNode metrics = directive.get("Metrics");
    if (metrics == null || !metrics.isArray()) {
      throw new Invalid(path + ".Metrics must be an array of metric definitions");
    }
    if (metrics.size() > MAX_METRICS_PER_DIRECTIVE) {
      throw new Invalid(
          path
              + ".Metrics has "
              + metrics.size()
              + " definitions; at most "
              + MAX_METRICS_PER_DIRECTIVE);
    }
    for (int m = 0; m < metrics.size(); m++) {
      String metricPath = path + ".Metrics[" + m + "]";
      JsonNode definition = metrics.get(m);
      if (!definition.isObject()) {
        throw new Invalid(metricPath + " must be an object");
      }
      String name = text(definition, "Name", metricPath, 1024);
      MetricUnit unit = unit(definition.get("Unit"), metricPath);
      StorageResolution resolution = resolution(definition.get("StorageResolution"), metricPath);
      double[] values = values(root.get(name), name);
      for (List<Dimension> dimensions : sets) {
        samples.add(
            new Sample(
                MetricKey.of(namespace, name, dimensions),
                at,
                unit,
                resolution,
                values,
                null,
                null));
      }
    }
  }

  private static List<List<Dimension>> dimensionSets(JsonNode root, JsonNode sets, String path)
      throws Invalid {
    if (sets == null || !sets.isArray() || sets.isEmpty()) {
      throw new Invalid(path + ".Dimensions must be an array of dimension sets (arrays of keys)");
    }
    List<List<Dimension>> result = new ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    for (int s = 0; s < sets.size(); s++) {
      JsonNode set = sets.get(s);
      String setPath = path + ".Dimensions[" + s + "]";
      if (!set.isArray()) {
        throw new Invalid(setPath + " must be an array of dimension keys");
      }
      if (set.size() > MAX_DIMENSIONS_PER_SET) {
        throw new Invalid(
            setPath + " has " + set.size() + " keys; at most " + MAX_DIMENSIONS_PER_SET);
      }
      Set<String> keys = new LinkedHashSet<>();
      List<Dimension> dimensions = new ArrayList<>();
      for (JsonNode key : set) {
        if (!key.isTextual() || key.asText().isEmpty() || key.asText().length() > 255) {
          throw new Invalid(setPath + " must hold dimension keys of 1 to 255 characters");
        }
        JsonNode target = root.get(key.asText());
        if (target == null
            || !target.isTextual()
            || target.asText().isBlank()
            || target.asText().length() > 1024) {
          throw new Invalid(
              "dimension '"
                  + key.asText()
                  + "' of "
                  + setPath
                  + " must be a member of the root holding a string of 1 to 1024 characters");
        }
        if (keys.add(key.asText())) {
          dimensions.add(new Dimension(key.asText(), target.asText()));
        }
      }
      if (seen.add(keys)) {
        result.add(dimensions);
      }
    }
    return result;
  }

  private static double[] values(JsonNode target, String name) throws Invalid {
    if (target == null) {
      throw new Invalid("metric '" + name + "' has no member of that name on the root");
    }
    List<JsonNode> numbers = new ArrayList<>();
    if (target.isArray()) {
      if (target.isEmpty() || target.size() > MAX_VALUES_PER_METRIC) {
        throw new Invalid(
            "metric '"
                + name
                + "' has "
                + target.size()
                + " values; 1 to "
                + MAX_VALUES_PER_METRIC
                + " are allowed");
      }
      target.forEach(numbers::add);
    } else {
      numbers.add(target);
    }
    double[] values = new double[numbers.size()];
    for (int i = 0; i < values.length; i++) {
      JsonNode number = numbers.get(i);
      if (!number.isNumber() || Math.abs(number.asDouble()) > MAX_MAGNITUDE) {
        throw new Invalid(
            "metric '"
                + name
                + "' must be a number or an array of numbers within"
                + " +/-2^360, was "
                + number);
      }
      values[i] = number.asDouble();
    }
    return values;
  }

  private static String text(JsonNode parent, String field, String path, int maxLength)
      throws Invalid {
    JsonNode value = parent.get(field);
    if (value == null
        || !value.isTextual()
        || value.asText().isEmpty()
        || value.asText().length() > maxLength) {
      throw new Invalid(
          path + "." + field + " must be a string of 1 to " + maxLength + " characters");
    }
    return value.asText();
  }

  private static MetricUnit unit(JsonNode unit, String path) throws Invalid {
    if (unit == null) {
      return MetricUnit.NONE;
    }
    try {
      return MetricUnit.fromCloudWatchName(unit.isTextual() ? unit.asText() : unit.toString());
    } catch (IllegalArgumentException e) {
      throw new Invalid(path + ".Unit: " + e.getMessage());
    }
  }

  private static StorageResolution resolution(JsonNode resolution, String path) throws Invalid {
    if (resolution == null) {
      return StorageResolution.STANDARD;
    }
    if (resolution.isIntegralNumber() && resolution.asInt() == 1) {
      return StorageResolution.HIGH;
    }
    if (resolution.isIntegralNumber() && resolution.asInt() == 60) {
      return StorageResolution.STANDARD;
    }
    throw new Invalid(path + ".StorageResolution must be 1 or 60, was " + resolution);
  }

  /** A rule the document breaks. */
  private static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }
}
