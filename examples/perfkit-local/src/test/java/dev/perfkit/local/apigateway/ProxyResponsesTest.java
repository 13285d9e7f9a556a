package dev.perfkit.local.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading Lambda proxy responses as API Gateway does. */
class ProxyResponsesTest {

  private static HttpAnswer parse(String json) throws Exception {
    return ProxyResponses.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_headerInBothMaps_keepsTheMultiValueHeadersValues() throws Exception {
    HttpAnswer answer =
        parse(
            "{\"statusCode\":200,\"headers\":{\"X-A\":\"single\",\"X-B\":\"b\"},"
                + "\"multiValueHeaders\":{\"x-a\":[\"m1\",\"m2\"]},\"body\":\"ok\"}");

    assertThat(answer.headers().get("X-A")).containsExactly("m1", "m2");
    assertThat(answer.headers().get("X-B")).containsExactly("b");
    assertThat(answer.bodyAsString()).isEqualTo("ok");
    assertThat(answer.fromIntegration()).isTrue();
  }

  @Test
  void parse_withoutContentType_defaultsToApplicationJson() throws Exception {
    assertThat(parse("{\"statusCode\":204}").headers().get("Content-Type"))
        .containsExactly("application/json");
  }

  @Test
  void parse_base64Body_isDecoded() throws Exception {
    HttpAnswer answer =
        parse("{\"statusCode\":200,\"body\":\"//4AAQ==\",\"isBase64Encoded\":true}");

    assertThat(answer.body()).containsExactly(0xff, 0xfe, 0, 1);
  }

  @Test
  void parse_framingHeadersOfTheFunction_areDropped() throws Exception {
    HttpAnswer answer =
        parse("{\"statusCode\":200,\"headers\":{\"Content-Length\":\"99\",\"X-Kept\":\"1\"}}");

    assertThat(answer.headers()).containsOnlyKeys("X-Kept", "Content-Type");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "\"a string\"",
        "{\"body\":\"no status\"}",
        "{\"statusCode\":\"200\"}",
        "{\"statusCode\":42}",
        "{\"statusCode\":200,\"body\":{\"an\":\"object\"}}",
        "{\"statusCode\":200,\"headers\":[\"x\"]}",
        "{\"statusCode\":200,\"multiValueHeaders\":{\"X\":\"not a list\"}}",
        "{\"statusCode\":200,\"isBase64Encoded\":\"yes\"}",
        "{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}",
        "{\"statusCode\":200,\"cookies\":[\"a=b\"]}"
      })
  void parse_malformed_isRefused(String payload) {
    assertThatThrownBy(() -> parse(payload))
        .isInstanceOf(ProxyResponses.MalformedResponseException.class);
  }
}
