package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Event source mappings from SQS queues: {@code CreateEventSourceMapping}, {@code
 * GetEventSourceMapping}, {@code ListEventSourceMappings}, {@code UpdateEventSourceMapping} and
 * {@code DeleteEventSourceMapping}, with {@code BatchSize}, {@code MaximumBatchingWindowInSeconds},
 * {@code FunctionResponseTypes}, {@code ScalingConfig.MaximumConcurrency} and {@code Enabled};
 * other settings are refused by name.
 */
final class EventSourceMappingRoutes {

  private static final String MAPPINGS = "/2015-03-31/event-source-mappings";
  private static final String REPORT_FAILURES = "ReportBatchItemFailures";
  private static final Set<String> SETTINGS =
      Set.of(
          "FunctionName",
          "Enabled",
          "BatchSize",
          "MaximumBatchingWindowInSeconds",
          "FunctionResponseTypes",
          "ScalingConfig");

  private final DefaultLocalLambda lambda;
  private final EventSourceMappings mappings;

  EventSourceMappingRoutes(DefaultLocalLambda lambda) {
    this.lambda = lambda;
    this.mappings = lambda.mappings();
  }

  List<Route> routes() {
    return List.of(
        Route.of("POST", MAPPINGS, this::create),
        Route.of("GET", MAPPINGS, this::list),
        Route.of("GET", MAPPINGS + "/([^/]+)", this::get),
        Route.of("PUT", MAPPINGS + "/([^/]+)", this::update),
        Route.of("DELETE", MAPPINGS + "/([^/]+)", this::delete));
  }

  /** CreateEventSourceMapping: 202 in state {@code Creating}, polling already. */
  private void create(ApiCall call) throws IOException {
    JsonRequest request = call.json();
    checkSupported(request, "EventSourceArn");
    FunctionRef function = function(request.text("FunctionName"));
    int batchSize =
        request.optionalInteger("BatchSize", 1, EventSourceSettings.MAX_BATCH_SIZE).orElse(10);
    EventSourceSettings settings =
        new EventSourceSettings(
            request.text("EventSourceArn"),
            function.name(),
            function.qualifier(),
            batchSize,
            Duration.ofSeconds(
                request.optionalInteger("MaximumBatchingWindowInSeconds", 0, 300).orElse(0)),
            reportBatchItemFailures(request).orElse(false),
            maximumConcurrency(request).orElse(OptionalInt.empty()));
    MappingSnapshot created =
        mappings.create(settings, request.optionalBoolean("Enabled").orElse(true));
    call.respond(202, write(created));
  }

  private void list(ApiCall call) throws IOException {
    Optional<String> function = call.query("FunctionName").map(name -> function(name).name());
    List<MappingSnapshot> found = mappings.list(function, call.query("EventSourceArn"));
    call.respond(
        200, ListPage.of(found, call, 100, 10_000).write("EventSourceMappings", this::write));
  }

  private void get(ApiCall call) throws IOException {
    call.respond(200, write(mappings.get(call.pathParameter(1))));
  }

  /** UpdateEventSourceMapping: 202 in state {@code Updating}; the pollers restart meanwhile. */
  private void update(ApiCall call) throws IOException {
    String uuid = call.pathParameter(1);
    JsonRequest request = call.json();
    checkSupported(request, "UUID");
    Optional<FunctionRef> function = request.optionalText("FunctionName").map(this::function);
    Optional<Integer> batchSize =
        request.optionalInteger("BatchSize", 1, EventSourceSettings.MAX_BATCH_SIZE);
    Optional<Integer> window = request.optionalInteger("MaximumBatchingWindowInSeconds", 0, 300);
    Optional<Boolean> reportFailures = reportBatchItemFailures(request);
    Optional<OptionalInt> concurrency = maximumConcurrency(request);
    MappingSnapshot updated =
        mappings.update(
            uuid,
            current ->
                new EventSourceSettings(
                    current.eventSourceArn(),
                    function.map(FunctionRef::name).orElse(current.functionName()),
                    function.isPresent() ? function.get().qualifier() : current.qualifier(),
                    batchSize.orElse(current.batchSize()),
                    window.map(Duration::ofSeconds).orElse(current.maximumBatchingWindow()),
                    reportFailures.orElse(current.reportBatchItemFailures()),
                    concurrency.orElse(current.maximumConcurrency())),
            request.optionalBoolean("Enabled"));
    call.respond(202, write(updated));
  }

  /** DeleteEventSourceMapping: 202 in state {@code Deleting}; gone once its pollers stopped. */
  private void delete(ApiCall call) throws IOException {
    call.respond(202, write(mappings.delete(call.pathParameter(1))));
  }

  /** The function a mapping invokes, which must exist (as must its version or alias). */
  private FunctionRef function(String functionName) {
    FunctionRef ref = FunctionRef.parse(functionName, Optional.empty());
    lambda.functions().function(ref.name()).resolve(ref.qualifier());
    return ref;
  }

  private static void checkSupported(JsonRequest request, String identifier) {
    List<String> unsupported =
        request.fields().stream()
            .filter(field -> !SETTINGS.contains(field) && !field.equals(identifier))
            .filter(field -> isSet(request.node(field)))
            .toList();
    if (!unsupported.isEmpty()) {
      throw LocalLambdaException.invalidParameter(
          "The local Lambda maps SQS queues with "
              + SETTINGS
              + " only; unsupported: "
              + unsupported);
    }
  }

  private static boolean isSet(JsonNode node) {
    return node != null && !node.isNull() && !(node.isContainerNode() && node.isEmpty());
  }

  private static Optional<Boolean> reportBatchItemFailures(JsonRequest request) {
    if (!request.has("FunctionResponseTypes")) {
      return Optional.empty();
    }
    List<String> types = request.texts("FunctionResponseTypes");
    if (!types.stream().allMatch(REPORT_FAILURES::equals)) {
      throw LocalLambdaException.invalidParameter(
          "FunctionResponseTypes must be [" + REPORT_FAILURES + "] or [], was " + types);
    }
    return Optional.of(!types.isEmpty());
  }

  /** {@code ScalingConfig}: present with or without a MaximumConcurrency, or absent. */
  private static Optional<OptionalInt> maximumConcurrency(JsonRequest request) {
    if (!request.has("ScalingConfig")) {
      return Optional.empty();
    }
    JsonNode scaling = request.node("ScalingConfig");
    JsonNode maximum = scaling.get("MaximumConcurrency");
    if (!scaling.isObject() || (maximum != null && !maximum.isIntegralNumber())) {
      throw LocalLambdaException.invalidParameter(
          "ScalingConfig must be {\"MaximumConcurrency\": 2 to 1000}, was " + scaling);
    }
    return Optional.of(maximum == null ? OptionalInt.empty() : OptionalInt.of(maximum.intValue()));
  }

  private ObjectNode write(MappingSnapshot mapping) {
    EventSourceSettings settings = mapping.settings();
    Host host = lambda.host();
    ObjectNode body = ApiCall.JSON.createObjectNode();
    body.put("UUID", mapping.uuid());
    body.put("BatchSize", settings.batchSize());
    body.put("MaximumBatchingWindowInSeconds", settings.maximumBatchingWindow().toSeconds());
    body.put("EventSourceArn", settings.eventSourceArn());
    body.put(
        "FunctionArn",
        host.functionArn(settings.functionName())
            + settings.qualifier().map(q -> ":" + q).orElse(""));
    // rest-json timestamps are epoch seconds.
    body.put("LastModified", mapping.lastModified().toEpochMilli() / 1000.0);
    body.put("LastProcessingResult", mapping.lastProcessingResult());
    body.put("State", mapping.state());
    body.put("StateTransitionReason", mapping.stateTransitionReason());
    body.putArray("FunctionResponseTypes");
    if (settings.reportBatchItemFailures()) {
      body.withArray("FunctionResponseTypes").add(REPORT_FAILURES);
    }
    settings
        .maximumConcurrency()
        .ifPresent(maximum -> body.putObject("ScalingConfig").put("MaximumConcurrency", maximum));
    body.put(
        "EventSourceMappingArn",
        "arn:aws:lambda:"
            + host.region()
            + ":"
            + host.accountId()
            + ":event-source-mapping:"
            + mapping.uuid());
    return body;
  }
}
