package dev.perfkit.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsScope;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OperationRouterTest {

  record CountParams(Integer concurrency) {
    static final IntRange CONCURRENCY = IntRange.of("concurrency", 1, 1000).withDefault(1);

    CountParams {
      concurrency = CONCURRENCY.validate(concurrency);
    }
  }

  enum DataSize {
    @JsonProperty("small")
    SMALL,
    @JsonProperty("medium")
    MEDIUM,
    @JsonProperty("large")
    LARGE
  }

  record SizeParams(DataSize dataSize) {
    SizeParams {
      dataSize = dataSize == null ? DataSize.SMALL : dataSize;
    }
  }

  record Item(String id) {}

  record ListParams(List<Item> records) {}

  record PingParams() {}

  record Named(String name) {
    Named {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final AtomicLong ticker = new AtomicLong(1_000_000_000L);
  private final CapturedDocuments documents = new CapturedDocuments();
  private final MetricsEmitter emitter =
      MetricsEmitter.builder().namespace("RouterTest").sink(documents).build();

  private final OperationRouter router =
      OperationRouter.builder()
          .operation(
              "concurrent_processing",
              CountParams.class,
              (params, context) -> Map.of("concurrency", params.concurrency()))
          .operation("memory_test", SizeParams.class, (params, context) -> params.dataSize())
          .operation(
              "stream_processing", ListParams.class, (params, context) -> params.records().size())
          .operation("named", Named.class, (params, context) -> params.name())
          .operation(
              Operation.of(
                      "default",
                      PingParams.class,
                      (params, context) -> {
                        ticker.addAndGet(Duration.ofMillis(5).toNanos());
                        return "pong";
                      })
                  .timedAs("DefaultOperationTime"))
          .operation(
              "broken",
              PingParams.class,
              (params, context) -> {
                throw new IOException("disk on fire");
              })
          .operation(
              "unconfigured",
              PingParams.class,
              (params, context) -> {
                throw new ConfigurationException("PERFKIT_TABLE_NAME is not set");
              })
          .defaultOperation("default")
          .nanoTicker(ticker::get)
          .build();

  private Object route(String requestJson) throws Exception {
    MetricsScope scope = emitter.newScope();
    try {
      return router.route((ObjectNode) json.readTree(requestJson), context(scope));
    } finally {
      scope.flush();
    }
  }

  private OperationContext context(MetricsScope scope) {
    return OperationContext.of(scope, null, Deadline.after(Duration.ofSeconds(30), ticker::get));
  }

  private ClientErrorException clientError(String requestJson) {
    return catchThrowableOfType(ClientErrorException.class, () -> route(requestJson));
  }

  @Test
  void route_namedOperation_returnsResultOfItsHandlerWithBoundParams() throws Exception {
    Object result = route("{\"operation\":\"concurrent_processing\",\"concurrency\":10}");

    assertThat(result).isEqualTo(Map.of("concurrency", 10));
  }

  @Test
  void route_absentField_usesDefaultFromRecordConstructor() throws Exception {
    assertThat(route("{\"operation\":\"concurrent_processing\"}"))
        .isEqualTo(Map.of("concurrency", 1));
  }

  @Test
  void route_noOperationField_runsDefaultOperation() throws Exception {
    assertThat(route("{}")).isEqualTo("pong");
  }

  @Test
  void route_nullOperationField_runsDefaultOperation() throws Exception {
    assertThat(route("{\"operation\":null}")).isEqualTo("pong");
  }

  @Test
  void route_numberAsString_isCoercedAsQueryParametersNeed() throws Exception {
    assertThat(route("{\"operation\":\"concurrent_processing\",\"concurrency\":\"10\"}"))
        .isEqualTo(Map.of("concurrency", 10));
  }

  @Test
  void route_unknownExtraFields_areIgnored() throws Exception {
    assertThat(
            route("{\"operation\":\"memory_test\",\"dataSize\":\"large\",\"extra\":{\"a\":[1]}}"))
        .isEqualTo(DataSize.LARGE);
  }

  @Test
  void route_unknownOperation_is400NamingTheKnownOnes() {
    ClientErrorException error = clientError("{\"operation\":\"fly\"}");

    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.errorType()).isEqualTo("UnknownOperation");
    assertThat(error.field()).contains("operation");
    assertThat(error.getMessage())
        .isEqualTo(
            "Unknown operation \"fly\"; known operations: [concurrent_processing, memory_test,"
                + " stream_processing, named, default, broken, unconfigured]");
  }

  @Test
  void route_operationNotAString_is400UnknownOperation() {
    ClientErrorException error = clientError("{\"operation\":42}");

    assertThat(error.errorType()).isEqualTo("UnknownOperation");
    assertThat(error.getMessage()).startsWith("Unknown operation \"42\"; known operations: [");
  }

  @Test
  void route_noOperationAndNoDefault_is400NamingTheKnownOnes() {
    OperationRouter withoutDefault =
        OperationRouter.builder()
            .operation("only", PingParams.class, (params, context) -> "x")
            .build();

    ClientErrorException error =
        catchThrowableOfType(
            ClientErrorException.class,
            () -> withoutDefault.route(json.createObjectNode(), context(emitter.newScope())));

    assertThat(error.getMessage())
        .isEqualTo("Missing value for 'operation': expected one of [only]");
  }

  @Test
  void route_wrongType_is400NamingFieldAndAllowedRange() {
    ClientErrorException error =
        clientError("{\"operation\":\"concurrent_processing\",\"concurrency\":\"ten\"}");

    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.errorType()).isEqualTo("InvalidParameter");
    assertThat(error.field()).contains("concurrency");
    assertThat(error.getMessage())
        .isEqualTo(
            "Invalid value for 'concurrency': expected an integer from 1 to 1000, got \"ten\"");
  }

  @Test
  void route_objectWhereIntegerExpected_is400NamingFieldAndAllowedRange() {
    ClientErrorException error =
        clientError("{\"operation\":\"concurrent_processing\",\"concurrency\":{}}");

    assertThat(error.field()).contains("concurrency");
    assertThat(error.getMessage())
        .isEqualTo("Invalid value for 'concurrency': expected an integer from 1 to 1000");
  }

  @Test
  void route_fractionWhereIntegerExpected_is400() {
    ClientErrorException error =
        clientError("{\"operation\":\"concurrent_processing\",\"concurrency\":2.5}");

    assertThat(error.field()).contains("concurrency");
    assertThat(error.getMessage())
        .startsWith("Invalid value for 'concurrency': expected an integer from 1 to 1000");
  }

  @Test
  void route_integerBeyondInt_is400NamingFieldAndAllowedRange() {
    ClientErrorException error =
        clientError("{\"operation\":\"concurrent_processing\",\"concurrency\":99999999999}");

    assertThat(error.field()).contains("concurrency");
    assertThat(error.getMessage())
        .startsWith("Invalid value for 'concurrency': ")
        .endsWith("expected an integer from 1 to 1000");
  }

  @Test
  void route_belowRange_is400NamingFieldAndAllowedRange() {
    ClientErrorException error =
        clientError("{\"operation\":\"concurrent_processing\",\"concurrency\":0}");

    assertThat(error.field()).contains("concurrency");
    assertThat(error.getMessage())
        .isEqualTo("Invalid value for 'concurrency': expected an integer from 1 to 1000, got 0");
  }

  @Test
  void route_aboveRange_is400NamingFieldAndAllowedRange() {
    ClientErrorException error =
        clientError("{\"operation\":\"concurrent_processing\",\"concurrency\":1001}");

    assertThat(error.getMessage())
        .isEqualTo("Invalid value for 'concurrency': expected an integer from 1 to 1000, got 1001");
  }

  @Test
  void route_badEnumValue_is400ListingAllowedValues() {
    ClientErrorException error =
        clientError("{\"operation\":\"memory_test\",\"dataSize\":\"huge\"}");

    assertThat(error.field()).contains("dataSize");
    assertThat(error.getMessage())
        .isEqualTo(
            "Invalid value for 'dataSize': expected one of [small, medium, large], got \"huge\"");
  }

  @Test
  void route_wrongTypeInsideList_is400NamingThePath() {
    ClientErrorException error =
        clientError("{\"operation\":\"stream_processing\",\"records\":[{\"id\":\"a\"},[1,2]]}");

    assertThat(error.field()).contains("records[1]");
    assertThat(error.getMessage()).isEqualTo("Invalid value for 'records[1]': expected an object");
  }

  @Test
  void route_scalarWhereListExpected_is400() {
    ClientErrorException error =
        clientError("{\"operation\":\"stream_processing\",\"records\":true}");

    assertThat(error.field()).contains("records");
    assertThat(error.getMessage()).startsWith("Invalid value for 'records': expected a list");
  }

  @Test
  void route_constructorRejectingValue_is400WithItsMessage() {
    ClientErrorException error = clientError("{\"operation\":\"named\",\"name\":\" \"}");

    assertThat(error.statusCode()).isEqualTo(400);
    assertThat(error.getMessage()).isEqualTo("Invalid request: name must not be blank");
  }

  @Test
  void route_configurationError_propagatesAs500() {
    assertThatThrownBy(() -> route("{\"operation\":\"unconfigured\"}"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.getMessage()).isEqualTo("PERFKIT_TABLE_NAME is not set");
            });
  }

  @Test
  void route_success_recordsSuccessAndOperationTimeUnderItsMetric() throws Exception {
    route("{}");

    JsonNode document = documents.single();
    assertThat(CapturedDocuments.metricNames(document))
        .containsExactlyInAnyOrder("DefaultOperationTime", "SuccessfulInvocations");
    assertThat(document.get("DefaultOperationTime").asDouble()).isEqualTo(5.0);
    assertThat(document.get("SuccessfulInvocations").asDouble()).isEqualTo(1.0);
  }

  @Test
  void route_handlerException_recordsErrorWithItsTypeAndRethrows() {
    assertThatThrownBy(() -> route("{\"operation\":\"broken\"}"))
        .isInstanceOf(IOException.class)
        .hasMessage("disk on fire");

    JsonNode document = documents.single();
    assertThat(CapturedDocuments.metricNames(document))
        .containsExactlyInAnyOrder("OperationTime", "Errors");
    assertThat(document.get("Errors").asDouble()).isEqualTo(1.0);
    assertThat(document.get("ErrorType").asText()).isEqualTo("IOException");
  }

  @Test
  void route_invalidParameter_recordsErrorWithInvalidParameterType() {
    clientError("{\"operation\":\"concurrent_processing\",\"concurrency\":0}");

    JsonNode document = documents.single();
    assertThat(document.get("Errors").asDouble()).isEqualTo(1.0);
    assertThat(document.get("ErrorType").asText()).isEqualTo("InvalidParameter");
  }

  @Test
  void route_unknownOperation_recordsErrorWithoutOperationTime() {
    clientError("{\"operation\":\"fly\"}");

    JsonNode document = documents.single();
    assertThat(CapturedDocuments.metricNames(document)).containsExactly("Errors");
    assertThat(document.get("ErrorType").asText()).isEqualTo("UnknownOperation");
  }

  @Test
  void operationOf_request_namesTheOperationItRoutesTo() throws Exception {
    assertThat(router.operationOf((ObjectNode) json.readTree("{\"operation\":\"memory_test\"}")))
        .contains("memory_test");
    assertThat(router.operationOf(json.createObjectNode())).contains("default");
    assertThat(router.operationOf((ObjectNode) json.readTree("{\"operation\":\"fly\"}"))).isEmpty();
  }

  @Test
  void build_defaultOperationNotAdded_fails() {
    OperationRouter.Builder builder =
        OperationRouter.builder()
            .operation("a", PingParams.class, (params, context) -> "a")
            .defaultOperation("b");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("defaultOperation 'b' is not an operation; operations: [a]");
  }

  @Test
  void build_withoutOperations_fails() {
    assertThatThrownBy(() -> OperationRouter.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one operation");
  }

  @Test
  void operation_addedTwice_fails() {
    OperationRouter.Builder builder =
        OperationRouter.builder().operation("a", PingParams.class, (params, context) -> "a");

    assertThatThrownBy(() -> builder.operation("a", PingParams.class, (params, context) -> "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("operation 'a' was already added");
  }

  @Test
  void operation_nameWithSpaces_isRejected() {
    assertThatThrownBy(
            () -> Operation.of("cpu intensive", PingParams.class, (params, context) -> "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'cpu intensive'");
  }

  @Test
  void route_nullRequest_isRejectedNamingTheArgument() {
    assertThatThrownBy(() -> router.route(null, context(emitter.newScope())))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("request");
  }
}
