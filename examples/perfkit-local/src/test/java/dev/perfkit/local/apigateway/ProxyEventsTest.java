package dev.perfkit.local.apigateway;

import static dev.perfkit.local.apigateway.StageTestSupport.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The event JSON against a REST API proxy event in the format AWS documents for Lambda proxy
 * integrations ("Input format of a Lambda function for proxy integration"): same field names, same
 * nesting, {@code null} where API Gateway sends {@code null}.
 */
class ProxyEventsTest {

  private static final Set<String> MAPS =
      Set.of(
          "headers",
          "multiValueHeaders",
          "queryStringParameters",
          "multiValueQueryStringParameters",
          "pathParameters",
          "stageVariables");

  private final ProxyEvents events =
      new ProxyEvents("prod", "123456789012", "a1b2c3d4e5", "x9y8z7", 443);

  private static StageRequest request(Map<String, List<String>> query, byte[] body) {
    return new StageRequest(
        HttpMethod.GET,
        Map.of(
            "Host", List.of("a1b2c3d4e5.execute-api.us-east-1.amazonaws.com"),
            "User-Agent", List.of("curl/8.5.0"),
            "X-Api-Key", List.of("k3yV4lu3k3yV4lu3k3yV4lu3")),
        query,
        body,
        "198.51.100.7",
        "HTTP/1.1");
  }

  private JsonNode eventJson(StageRequest request, Optional<ProxyEvents.KeyUse> key) {
    APIGatewayProxyRequestEvent event =
        events.event(request, "request-id", "extended=", Instant.ofEpochMilli(1716559409123L), key);
    return json(
        new String(
            ProxyEvents.toJson(event, key.map(ProxyEvents.KeyUse::id)), StandardCharsets.UTF_8));
  }

  @Test
  void toJson_hasTheFieldsOfARestApiProxyEvent() throws IOException {
    JsonNode sample;
    try (InputStream in = getClass().getResourceAsStream("/apigateway/rest-api-proxy-event.json")) {
      sample = StageTestSupport.JSON.readTree(in);
    }

    JsonNode ours =
        eventJson(
            request(Map.of("operation", List.of("cpu_intensive")), new byte[0]),
            Optional.of(new ProxyEvents.KeyUse("k3yV4lu3k3yV4lu3k3yV4lu3", "q1w2e3r4t5")));

    assertThat(fieldPaths(ours, "")).isEqualTo(fieldPaths(sample, ""));
    for (String path :
        List.of(
            "/resource",
            "/path",
            "/httpMethod",
            "/requestContext/path",
            "/requestContext/resourcePath",
            "/requestContext/stage",
            "/requestContext/identity/apiKey",
            "/requestContext/identity/apiKeyId",
            "/requestContext/identity/sourceIp",
            "/requestContext/requestTimeEpoch",
            "/pathParameters",
            "/body",
            "/isBase64Encoded")) {
      assertThat(ours.at(path)).as(path).isEqualTo(sample.at(path));
    }
  }

  @Test
  void toJson_withoutKey_hasNoApiKeyFields() {
    JsonNode ours = eventJson(request(Map.of(), new byte[0]), Optional.empty());

    assertThat(ours.at("/requestContext/identity").has("apiKey")).isFalse();
    assertThat(ours.at("/requestContext/identity").has("apiKeyId")).isFalse();
    assertThat(ours.get("queryStringParameters").isNull()).isTrue();
    assertThat(ours.get("multiValueQueryStringParameters").isNull()).isTrue();
  }

  @Test
  void event_repeatedQueryParameter_singleMapHasTheLastValue() {
    APIGatewayProxyRequestEvent event =
        events.event(
            request(Map.of("n", List.of("1", "2")), new byte[0]),
            "id",
            "ext=",
            Instant.EPOCH,
            Optional.empty());

    assertThat(event.getQueryStringParameters()).containsEntry("n", "2");
    assertThat(event.getMultiValueQueryStringParameters()).containsEntry("n", List.of("1", "2"));
  }

  @Test
  void event_utf8Body_isTextAndNotBase64() {
    APIGatewayProxyRequestEvent event =
        events.event(
            request(Map.of(), "{\"é\":1}".getBytes(StandardCharsets.UTF_8)),
            "id",
            "ext=",
            Instant.EPOCH,
            Optional.empty());

    assertThat(event.getBody()).isEqualTo("{\"é\":1}");
    assertThat(event.getIsBase64Encoded()).isFalse();
  }

  private static Set<String> fieldPaths(JsonNode node, String prefix) {
    Set<String> paths = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String path = prefix + "/" + field.getKey();
      paths.add(path);
      if (field.getValue().isObject() && !MAPS.contains(field.getKey())) {
        paths.addAll(fieldPaths(field.getValue(), path));
      }
    }
    return paths;
  }
}
