package dev.perfkit.core.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.metrics.MetricsEmitter;
import dev.perfkit.core.metrics.MetricsScope;
import dev.perfkit.core.routing.ClientErrorException;
import dev.perfkit.core.routing.ConfigurationException;
import dev.perfkit.core.routing.Deadline;
import dev.perfkit.core.routing.IntRange;
import dev.perfkit.core.routing.Operation;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.routing.OperationRouter;
import dev.perfkit.core.testing.CapturedEmf;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The routing engine: which operation a request names, its bound parameters, its outcome. */
class RoutesTest {

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

  private record TestContext(
      MetricsScope metrics, Optional<Context> lambdaContext, Deadline deadline)
      implements OperationContext {}

  private final ObjectMapper json = new ObjectMapper();
  private final ObjectMapper mapper = ApiGatewayPipeline.defaultObjectMapper();
  private final OperationContext context =
      new TestContext(
          MetricsEmitter.builder().namespace("Routes").sink(new CapturedEmf()).build().newScope(),
          Optional.empty(),
          Deadline.after(Duration.ofSeconds(30), () -> 0L));

  private final Routes routes =
      new Routes(
          OperationRouter.builder()
              .operation(
                  "concurrent_processing",
                  CountParams.class,
                  (params, context) -> Map.of("concurrency", params.concurrency()))
              .operation("memory_test", SizeParams.class, (params, context) -> params.dataSize())
              .operation(
                  "stream_processing",
                  ListParams.class,
                  (params, context) -> params.records().size())
              .operation("named", Named.class, (params, context) -> params.name())
              .operation(
                  Operation.of("default", PingParams.class, (params, context) -> "pong")
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
              .build(),
          mapper);

  private RouteOutcome route(String requestJson) {
    try {
      return routes.route((ObjectNode) json.readTree(requestJson), context);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Object result(String requestJson) throws Exception {
    RouteOutcome outcome = route(requestJson);
    if (!outcome.succeeded()) {
      throw outcome.failure();
    }
    return outcome.result();
  }

  private ClientErrorException clientError(String requestJson) {
    Exception failure = route(requestJson).failure();
    assertThat(failure).isInstanceOf(ClientErrorException.class);
    return (ClientErrorException) failure;
  }

  @Test
  void route_namedOperation_returnsResultOfItsHandlerWithBoundParams() throws Exception {
    Object result = result("{\"operation\":\"concurrent_processing\",\"concurrency\":10}");

    assertThat(result).isEqualTo(Map.of("concurrency", 10));
  }

  @Test
  void route_absentField_usesDefaultFromRecordConstructor() throws Exception {
    assertThat(result("{\"operation\":\"concurrent_processing\"}"))
        .isEqualTo(Map.of("concurrency", 1));
  }

  @Test
  void route_noOperationField_runsDefaultOperation() throws Exception {
    assertThat(result("{}")).isEqualTo("pong");
  }

  @Test
  void route_nullOperationField_runsDefaultOperation() throws Exception {
    assertThat(result("{\"operation\":null}")).isEqualTo("pong");
  }

  @Test
  void route_numberAsQueryText_isConvertedAsQueryParametersNeed() throws Exception {
    ObjectNode request = json.createObjectNode().put("operation", "concurrent_processing");
    request.set("concurrency", new QueryText("10"));

    RouteOutcome outcome = routes.route(request, context);

    assertThat(outcome.result()).isEqualTo(Map.of("concurrency", 10));
  }

  @Test
  void route_numberAsStringInTheBody_is400ShowingTheString() {
    ClientErrorException error =
        clientError("{\"operation\":\"concurrent_processing\",\"concurrency\":\"10\"}");

    assertThat(error.field()).contains("concurrency");
    assertThat(error.getMessage())
        .isEqualTo(
            "Invalid value for 'concurrency': expected an integer from 1 to 1000, got \"10\"");
  }

  @Test
  void route_unknownExtraFields_areIgnored() throws Exception {
    assertThat(
            result("{\"operation\":\"memory_test\",\"dataSize\":\"large\",\"extra\":{\"a\":[1]}}"))
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
        (ClientErrorException)
            new Routes(withoutDefault, mapper).route(json.createObjectNode(), context).failure();

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
    assertThat(route("{\"operation\":\"unconfigured\"}").failure())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(500);
              assertThat(e.getMessage()).isEqualTo("PERFKIT_TABLE_NAME is not set");
            });
  }

  @Test
  void route_handlerException_isTheOutcomesFailure() {
    RouteOutcome outcome = route("{\"operation\":\"broken\"}");

    assertThat(outcome.operation().name()).isEqualTo("broken");
    assertThat(outcome.failure()).isInstanceOf(IOException.class).hasMessage("disk on fire");
  }

  @Test
  void route_request_namesTheOperationItRoutesTo() throws Exception {
    assertThat(route("{\"operation\":\"memory_test\"}").operation().name())
        .isEqualTo("memory_test");
    assertThat(route("{}").operation().name()).isEqualTo("default");
    assertThat(route("{\"operation\":\"fly\"}").operation()).isNull();
  }

  @Test
  void route_nullRequest_isRejectedNamingTheArgument() {
    assertThatThrownBy(() -> routes.route(null, context))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("request");
  }
}
