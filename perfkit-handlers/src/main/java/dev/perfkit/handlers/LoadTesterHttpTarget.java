package dev.perfkit.handlers;

import dev.perfkit.core.load.Outcome;
import dev.perfkit.core.load.Target;
import dev.perfkit.core.time.Ticker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * POSTs the test payload to a URL (e.g. an API Gateway stage), connecting to the address the {@link
 * LoadTesterTargetPolicy} checked, and classifies the status: 2xx is a success, 429 throttled,
 * anything else (redirects are not followed) or a transport error a failure. Failure messages carry
 * the status or the exception, never headers or the response body, which may echo them.
 */
final class LoadTesterHttpTarget implements Target {

  private final CloseableHttpClient client;
  private final URI url;
  private final HttpHost checkedHost;
  private final Map<String, String> headers;
  private final byte[] body;
  private final LoadTesterDeadline deadline;
  private final Ticker ticker;

  LoadTesterHttpTarget(
      CloseableHttpClient client,
      LoadTesterTargetPolicy.CheckedUrl target,
      Map<String, String> headers,
      byte[] body,
      LoadTesterDeadline deadline,
      Ticker ticker) {
    this.client = client;
    this.url = target.url();
    // With an address the client connects there without resolving the name again; the name is
    // still the Host header and the TLS server name.
    this.checkedHost =
        new HttpHost(target.url().getScheme(), target.address(), target.host(), target.port());
    this.headers = headers;
    this.body = body;
    this.deadline = deadline;
    this.ticker = ticker;
  }

  @Override
  public Outcome execute(long requestId) {
    HttpPost post = new HttpPost(url);
    headers.forEach(post::setHeader);
    // Not repeatable on purpose: the registry's client re-sends repeatable requests answered 429
    // or 503, and a load test counts those answers instead of adding load.
    post.setEntity(
        new InputStreamEntity(
            new ByteArrayInputStream(body), body.length, ContentType.APPLICATION_JSON));
    Duration timeout = deadline.timeLeft(ticker.read()).orElse(LoadTesterConfig.LAMBDA_MAX_TIMEOUT);
    post.setConfig(
        RequestConfig.custom()
            .setRedirectsEnabled(false)
            .setResponseTimeout(Timeout.of(timeout))
            .build());
    int status;
    try {
      status =
          client.execute(
              checkedHost,
              post,
              response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
              });
    } catch (IOException e) {
      return Outcome.failure(
          "transport error: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
    if (status >= 200 && status < 300) {
      return Outcome.success();
    }
    if (status == 429) {
      return Outcome.throttled();
    }
    return Outcome.failure(
        status >= 300 && status < 400
            ? "HTTP " + status + " (redirects are not followed)"
            : "HTTP " + status);
  }
}
