package dev.perfkit.core.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.routing.ConfigurationException;
import dev.perfkit.core.routing.OperationRouter;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binding takes a request value only for a field of its own JSON type. */
class StrictBindingTest {

  enum Size {
    @JsonProperty("small")
    SMALL,
    @JsonProperty("large")
    LARGE
  }

  record Params(String name, Integer times, Size size, Boolean loud, Double ratio) {
    Params {
      times = times == null ? 1 : times;
    }
  }

  record Counted(int count) {}

  /** No constructor Jackson can call. */
  static final class Sealed {
    private Sealed(int value) {}
  }

  /** Abstract, and nothing says which class to create. */
  interface Shape {}

  private final ObjectMapper json = new ObjectMapper();
  private final OperationRouter router =
      OperationRouter.builder()
          .operation("echo", Params.class, (params, context) -> params)
          .operation("count", Counted.class, (params, context) -> params)
          .build();
  private final ApiGatewayPipeline pipeline = pipeline(router);

  private static ApiGatewayPipeline pipeline(OperationRouter router) {
    Environment environment = Environment.of(Map.of());
    return ApiGatewayPipeline.builder(router)
        .environment(environment)
        .metrics(ApiGatewayPipeline.standardEmitter(environment, new CapturedEmf()))
        .build();
  }

  private JsonNode answer(APIGatewayProxyRequestEvent event) throws IOException {
    APIGatewayProxyResponseEvent response =
        pipeline.handle(event, LambdaTestContext.of("strict-fn"));
    JsonNode body = json.readTree(response.getBody());
    assertThat(response.getStatusCode()).as(response.getBody()).isIn(200, 400);
    return body;
  }

  private JsonNode post(String body) throws IOException {
    return answer(new APIGatewayProxyRequestEvent().withBody(body));
  }

  private JsonNode query(Map<String, String> parameters) throws IOException {
    return answer(new APIGatewayProxyRequestEvent().withQueryStringParameters(parameters));
  }

  @Test
  void handle_numberForAString_is400NamingTheField() throws IOException {
    JsonNode body = post("{\"operation\": \"echo\", \"name\": 5}");

    assertThat(body.get("error_type").asText()).isEqualTo("InvalidParameter");
    assertThat(body.get("field").asText()).isEqualTo("name");
    assertThat(body.get("error").asText())
        .isEqualTo("Invalid value for 'name': expected a string, got 5");
  }

  @Test
  void handle_booleanForAString_is400NamingTheField() throws IOException {
    JsonNode body = post("{\"operation\": \"echo\", \"name\": true}");

    assertThat(body.get("field").asText()).isEqualTo("name");
    assertThat(body.get("error").asText())
        .isEqualTo("Invalid value for 'name': expected a string, got true");
  }

  @Test
  void handle_stringOfDigitsForANumberInTheBody_is400NamingTheField() throws IOException {
    JsonNode body = post("{\"operation\": \"echo\", \"times\": \"12\"}");

    assertThat(body.get("field").asText()).isEqualTo("times");
    assertThat(body.get("error").asText())
        .isEqualTo("Invalid value for 'times': expected an integer, got \"12\"");
  }

  @Test
  void handle_stringForABooleanInTheBody_is400NamingTheField() throws IOException {
    JsonNode body = post("{\"operation\": \"echo\", \"loud\": \"true\"}");

    assertThat(body.get("field").asText()).isEqualTo("loud");
    assertThat(body.get("error").asText())
        .isEqualTo("Invalid value for 'loud': expected true or false, got \"true\"");
  }

  @Test
  void handle_numberForABoolean_is400NamingTheField() throws IOException {
    JsonNode body = post("{\"operation\": \"echo\", \"loud\": 1}");

    assertThat(body.get("field").asText()).isEqualTo("loud");
  }

  @Test
  void handle_fullWidthDigitsInTheQueryString_is400NamingTheField() throws IOException {
    JsonNode body = query(Map.of("operation", "echo", "times", "１２"));

    assertThat(body.get("field").asText()).isEqualTo("times");
    assertThat(body.get("error").asText())
        .isEqualTo("Invalid value for 'times': expected an integer, got \"１２\"");
  }

  @Test
  void handle_paddedEnumName_is400ListingTheNames() throws IOException {
    JsonNode body = post("{\"operation\": \"echo\", \"size\": \"small \"}");

    assertThat(body.get("field").asText()).isEqualTo("size");
    assertThat(body.get("error").asText())
        .isEqualTo("Invalid value for 'size': expected one of [small, large], got \"small \"");
  }

  @Test
  void handle_numberForAnEnum_is400NamingTheField() throws IOException {
    JsonNode body = post("{\"operation\": \"echo\", \"size\": 1}");

    assertThat(body.get("field").asText()).isEqualTo("size");
    assertThat(body.get("error").asText()).startsWith("Invalid value for 'size': expected one of");
  }

  @Test
  void handle_missingPrimitive_is400NamingTheField() throws IOException {
    JsonNode body = post("{\"operation\": \"count\"}");

    assertThat(body.get("field").asText()).isEqualTo("count");
    assertThat(body.get("error").asText())
        .isEqualTo("Missing value for 'count': expected an integer");
  }

  @Test
  void handle_missingOptionalFields_bindTheirDefaults() throws IOException {
    JsonNode body = post("{\"operation\": \"echo\"}");

    assertThat(body.get("result"))
        .isEqualTo(
            json.readTree(
                "{\"name\":null,\"times\":1,\"size\":null,\"loud\":null,\"ratio\":null}"));
  }

  @Test
  void handle_queryStringScalars_bindToTheFieldsTypes() throws IOException {
    JsonNode body =
        query(
            Map.of(
                "operation", "echo",
                "name", "5",
                "times", "12",
                "loud", "true",
                "ratio", "0.25",
                "size", "large"));

    assertThat(body.get("result"))
        .isEqualTo(
            json.readTree(
                "{\"name\":\"5\",\"times\":12,\"size\":\"large\",\"loud\":true,\"ratio\":0.25}"));
  }

  @Test
  void handle_queryStringFraction_is400ForAnInteger() throws IOException {
    JsonNode body = query(Map.of("operation", "echo", "times", "1.5"));

    assertThat(body.get("error").asText())
        .isEqualTo("Invalid value for 'times': expected an integer, got \"1.5\"");
  }

  @Test
  void build_parameterTypeWithoutUsableConstructor_failsNamingOperationAndType() {
    OperationRouter unbindable =
        OperationRouter.builder().operation("seal", Sealed.class, (params, context) -> 1).build();

    assertThatThrownBy(() -> pipeline(unbindable))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(
            "operation 'seal' cannot bind its parameters to "
                + Sealed.class.getName()
                + ": it has no constructor Jackson can call");
  }

  @Test
  void build_abstractParameterType_failsNamingOperationAndType() {
    OperationRouter unbindable =
        OperationRouter.builder().operation("draw", Shape.class, (params, context) -> 1).build();

    assertThatThrownBy(() -> pipeline(unbindable))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(
            "operation 'draw' cannot bind its parameters to "
                + Shape.class.getName()
                + ": it is abstract, with no concrete type to create");
  }
}
