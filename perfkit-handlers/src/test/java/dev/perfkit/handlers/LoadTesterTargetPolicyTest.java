package dev.perfkit.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.handlers.LoadTesterFixture.Answer;
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
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      http://169.254.169.254/latest/meta-data/iam/ | a link-local address
      http://169.254.170.2/v2/credentials          | a link-local address
      http://[fe80::1]/                            | a link-local address
      http://[fd00:ec2::254]/latest/meta-data/     | the instance metadata service
      http://[::ffff:169.254.169.254]/             | a link-local address
      http://[64:ff9b::a9fe:a9fe]/                 | a link-local address
      http://127.0.0.1:8080/  | refused unless '127.0.0.1' is listed in PERFKIT_ALLOWED_TARGET_HOSTS
      http://localhost/       | loopback address: refused unless 'localhost' is listed
      http://[::1]/           | a loopback address
      http://0.0.0.0/         | a loopback address
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
    fixture = new LoadTesterFixture(Map.of("PERFKIT_ALLOWED_TARGET_HOSTS", "169.254.169.254"));

    Answer answer = handleUrl("http://169.254.169.254/latest/meta-data/");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body().get("error").asText()).contains("link-local");
  }

  @Test
  void handleRequest_loopbackHostListed_isAllowed() {
    fixture = new LoadTesterFixture(Map.of("PERFKIT_ALLOWED_TARGET_HOSTS", "example.org, [::1]"));

    Answer answer = handleUrl("http://[::1]:1/");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.results().get("total_requests").asLong()).isEqualTo(1);
  }

  @Test
  void handleRequest_unresolvableHost_is400() {
    fixture = new LoadTesterFixture();

    Answer answer = handleUrl("http://no-such-host.invalid/");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body().get("error").asText()).contains("does not resolve");
  }

  @Test
  void functionName_qualifiedNameOrArn_isTheBareName() {
    assertThat(LoadTesterTargetPolicy.functionName("perf")).isEqualTo("perf");
    assertThat(LoadTesterTargetPolicy.functionName("perf:prod")).isEqualTo("perf");
    assertThat(LoadTesterTargetPolicy.functionName("123456789012:function:perf")).isEqualTo("perf");
    assertThat(LoadTesterTargetPolicy.functionName(
        "arn:aws:lambda:us-east-1:123456789012:function:perf:7")).isEqualTo("perf");
  }
}
