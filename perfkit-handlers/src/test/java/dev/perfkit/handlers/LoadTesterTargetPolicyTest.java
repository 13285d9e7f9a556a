package dev.perfkit.handlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.handlers.LoadTesterFixture.Answer;
import dev.perfkit.handlers.testing.InvokeApiServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Targets the load tester refuses, with a 403 that names the rule. */
class LoadTesterTargetPolicyTest {

  private LoadTesterFixture fixture;

  @AfterEach
  void stop() {
    if (fixture != null) {
      fixture.close();
    }
  }

  private Answer handleUrl(String url) {
    return fixture.handle(LoadTesterFixture.json(Map.of("targetUrl", url, "totalRequests", 1)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
      http://169.254.169.254/latest/meta-data/iam/ | a link-local address
      http://169.254.170.2/v2/credentials          | a link-local address
      http://[fe80::1]/                            | a link-local address
      http://[fd00:ec2::254]/latest/meta-data/     | the instance metadata service
      http://[::ffff:169.254.169.254]/             | a link-local address
      http://[64:ff9b::a9fe:a9fe]/                 | a link-local address
      http://127.0.0.1:8080/  | refused unless '127.0.0.1:8080' is listed in PERFKIT_ALLOWED_TARGET
      http://localhost/       | loopback address: refused unless 'localhost:80' is listed
      http://[::1]/           | a loopback address
      http://0.0.0.0/         | a loopback address
      https://10.1.2.3/       | a private address (10/8, 172.16/12, 192.168/16, fc00::/7): refused
      http://192.168.0.10:81/ | refused unless '192.168.0.10:81' is listed
      http://[fd12::1]/       | a private address
      file:///etc/passwd      | scheme 'file' is refused: only http and https
      ftp://example.com/      | scheme 'ftp' is refused
      """)
  void handleRequest_refusedUrl_is403NamingTheRule(String url, String rule) {
    fixture = new LoadTesterFixture();

    Answer answer = handleUrl(url);

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().get("error_type").asText()).isEqualTo("TargetRefused");
    assertThat(answer.body().get("field").asText()).isEqualTo("targetUrl");
    assertThat(answer.body().get("error").asText()).contains(rule);
  }

  @Test
  void handleRequest_metadataAddressListedAsAllowedHost_isStillRefused() {
    fixture = new LoadTesterFixture(Map.of("PERFKIT_ALLOWED_TARGET_HOSTS", "169.254.169.254:80"));

    Answer answer = handleUrl("http://169.254.169.254/latest/meta-data/");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().get("error").asText()).contains("link-local");
  }

  @Test
  void handleRequest_loopbackHostListed_isAllowed() {
    fixture =
        new LoadTesterFixture(Map.of("PERFKIT_ALLOWED_TARGET_HOSTS", "example.org:443, [::1]:1"));

    Answer answer = handleUrl("http://[::1]:1/");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.results().get("total_requests").asLong()).isEqualTo(1);
  }

  @Test
  void handleRequest_listedHostOnAnotherPort_is403NamingTheListedPairs() {
    fixture = new LoadTesterFixture(Map.of("PERFKIT_ALLOWED_TARGET_HOSTS", "127.0.0.1:3000"));

    Answer answer = handleUrl("http://127.0.0.1:3001/prod/performance");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().get("field").asText()).isEqualTo("targetUrl");
    assertThat(answer.body().get("error").asText())
        .isEqualTo(
            "targetUrl host '127.0.0.1' resolves to 127.0.0.1, a loopback address: refused"
                + " unless '127.0.0.1:3001' is listed in PERFKIT_ALLOWED_TARGET_HOSTS (host:port;"
                + " listed: 127.0.0.1:3000)");
  }

  @Test
  void handleRequest_invokeApiListedAsAllowedHost_isStillRefusedAndNothingIsInvoked() {
    try (InvokeApiServer invokeApi = InvokeApiServer.start()) {
      invokeApi.register("perf", invocation -> LoadTesterFixture.envelope(200, Map.of()));
      int port = invokeApi.endpoint().getPort();
      fixture =
          new LoadTesterFixture(
              Map.of(
                  "AWS_ENDPOINT_URL_LAMBDA",
                  invokeApi.endpoint().toString(),
                  "PERFKIT_ALLOWED_TARGET_HOSTS",
                  "127.0.0.1:" + port + ", localhost:" + port));

      Answer answer =
          handleUrl("http://localhost:" + port + "/2015-03-31/functions/perf/invocations");

      assertThat(answer.status()).isEqualTo(403);
      assertThat(answer.body().get("field").asText()).isEqualTo("targetUrl");
      assertThat(answer.body().get("error").asText())
          .isEqualTo(
              "targetUrl 'localhost:"
                  + port
                  + "' is refused: it is this function's own service endpoint AWS_ENDPOINT_URL_LAMBDA"
                  + " (the Invoke API, which would bypass PERFKIT_ALLOWED_TARGET_FUNCTIONS): give"
                  + " targetFunction instead");
      assertThat(invokeApi.invocations("perf")).isEmpty();
    }
  }

  @Test
  void handleRequest_otherServiceEndpointThroughAnotherLoopbackAddress_isRefused() {
    fixture =
        new LoadTesterFixture(
            Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000",
                "PERFKIT_ALLOWED_TARGET_HOSTS", "[::1]:8000"));

    Answer answer = handleUrl("http://[::1]:8000/");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().get("error").asText())
        .contains("own service endpoint AWS_ENDPOINT_URL_DYNAMODB; a load test never targets");
  }

  @Test
  void handleRequest_hostResolvingToAForbiddenAddress_isRefusedBeforeAnyConnection() {
    HostResolver rebinding = host -> List.of(InetAddress.getByName("169.254.169.254"));
    fixture =
        new LoadTesterFixture(
            Map.of("PERFKIT_ALLOWED_TARGET_HOSTS", "api.perfkit.test:80"), rebinding);

    Answer answer = handleUrl("http://api.perfkit.test/prod/performance");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().get("error").asText())
        .startsWith("targetUrl host 'api.perfkit.test' resolves to 169.254.169.254, a link-local");
  }

  @Test
  void handleRequest_hostWithOnePublicAndOneLoopbackAddress_isRefused() {
    HostResolver mixed =
        host -> List.of(InetAddress.getByName("203.0.113.7"), InetAddress.getByName("127.0.0.1"));
    fixture = new LoadTesterFixture(Map.of(), mixed);

    Answer answer = handleUrl("https://api.perfkit.test/prod/performance");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().get("error").asText())
        .contains(
            "resolves to 127.0.0.1, a loopback address: refused unless"
                + " 'api.perfkit.test:443' is listed");
  }

  @Test
  void constructor_allowedHostWithoutPort_namesTheVariableAndTheForm() {
    assertThatThrownBy(
            () -> new LoadTesterFixture(Map.of("PERFKIT_ALLOWED_TARGET_HOSTS", "127.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "PERFKIT_ALLOWED_TARGET_HOSTS entry '127.0.0.1' must be host:port, e.g."
                + " 127.0.0.1:3000 or [::1]:3000: loopback and private targets are allowed by host"
                + " and port");
  }

  @Test
  void handleRequest_unresolvableHost_is400() {
    fixture =
        new LoadTesterFixture(
            Map.of(),
            host -> {
              throw new UnknownHostException(host);
            });

    Answer answer = handleUrl("http://no-such-host.invalid/");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().get("error").asText()).contains("does not resolve");
  }

  @Test
  void functionName_qualifiedNameOrArn_isTheBareName() {
    assertThat(LoadTesterTargetPolicy.functionName("perf")).isEqualTo("perf");
    assertThat(LoadTesterTargetPolicy.functionName("perf:prod")).isEqualTo("perf");
    assertThat(LoadTesterTargetPolicy.functionName("123456789012:function:perf")).isEqualTo("perf");
    assertThat(
            LoadTesterTargetPolicy.functionName(
                "arn:aws:lambda:us-east-1:123456789012:function:perf:7"))
        .isEqualTo("perf");
  }
}
