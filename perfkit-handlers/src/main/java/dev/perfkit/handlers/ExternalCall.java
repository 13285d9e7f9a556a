package dev.perfkit.handlers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.routing.ConfigurationException;
import dev.perfkit.core.routing.OperationContext;
import dev.perfkit.core.time.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * {@code default}: GETs {@code PERFKIT_EXTERNAL_URL} over the registry's pooled HTTP client with a
 * 2 s timeout and returns its JSON; on any failure the lab's {@code {"uuid": "fallback"}} and a
 * {@code fallback_reason}.
 */
final class ExternalCall {

  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int MAX_BODY_BYTES = 64 * 1024;
  private static final int OK = 200;

  /** The operation takes no parameters. */
  record Params() {}

  /** The lab's result; {@code fallback_reason} only when it fell back. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Result(
      @JsonProperty("operation") String operation,
      @JsonProperty("external_data") JsonNode externalData,
      @JsonProperty("processing_time_ms") double processingTimeMs,
      @JsonProperty("fallback_reason") String fallbackReason) {}

  private record Fetched(JsonNode data, String fallbackReason) {}

  private final Environment environment;
  private final ClientRegistry clients;
  private final ObjectMapper mapper;
  private final Ticker ticker;
  private final RequestConfig requestConfig =
      RequestConfig.custom()
          .setConnectionRequestTimeout(Timeout.of(TIMEOUT))
          .setResponseTimeout(Timeout.of(TIMEOUT))
          .build();

  ExternalCall(
      Environment environment,
      ClientRegistry clients,
      ObjectMapper mapper,
      Ticker ticker) {
    this.environment = environment;
    this.clients = clients;
    this.mapper = mapper;
    this.ticker = ticker;
  }

  Result run(Params params, OperationContext context) {
    long start = ticker.read();
    URI uri = externalUri();
    Fetched fetched = fetch(uri);
    return new Result(
        PerformanceFunction.DEFAULT,
        fetched.data(),
        Millis.since(start, ticker),
        fetched.fallbackReason());
  }

  private URI externalUri() {
    String value =
        environment.getOrDefault(
            PerformanceFunction.EXTERNAL_URL_VARIABLE, PerformanceFunction.DEFAULT_EXTERNAL_URL);
    try {
      URI uri = new URI(value.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below without echoing the value, which may hold a key
    }
    throw new ConfigurationException(
        PerformanceFunction.EXTERNAL_URL_VARIABLE + " must be an absolute http or https URL");
  }

  private Fetched fetch(URI uri) {
    HttpGet get = new HttpGet(uri);
    get.setConfig(requestConfig);
    try {
      return clients
          .http()
          .execute(
              get,
              response -> {
                if (response.getCode() != OK) {
                  return fallback("status " + response.getCode() + " from " + uri.getHost());
                }
                return parse(response.getEntity(), uri);
              });
    } catch (ConnectionRequestTimeoutException e) {
      return fallback("timeout: no pooled connection free within " + TIMEOUT.toMillis() + " ms");
    } catch (ConnectTimeoutException e) {
      return fallback("timeout: could not connect to " + uri.getHost());
    } catch (SocketTimeoutException e) {
      return fallback(
          "timeout: no response from " + uri.getHost() + " within " + TIMEOUT.toMillis() + " ms");
    } catch (ConnectException e) {
      return fallback("connection refused by " + uri.getHost() + portOf(uri));
    } catch (UnknownHostException e) {
      return fallback("unknown host " + uri.getHost());
    } catch (SSLException e) {
      return fallback("TLS failure with " + uri.getHost() + ": " + e.getMessage());
    } catch (IOException e) {
      return fallback(e.getClass().getSimpleName() + " from " + uri.getHost());
    }
  }

  private Fetched parse(HttpEntity entity, URI uri) throws IOException {
    if (entity == null) {
      return fallback("empty response from " + uri.getHost());
    }
    byte[] body;
    try (InputStream in = entity.getContent()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return fallback("response from " + uri.getHost() + " exceeds " + MAX_BODY_BYTES + " bytes");
    }
    try {
      JsonNode data = mapper.readTree(body);
      if (data == null || data.isMissingNode()) {
        return fallback("empty response from " + uri.getHost());
      }
      return new Fetched(data, null);
    } catch (IOException e) {
      return fallback("response from " + uri.getHost() + " is not JSON");
    }
  }

  private Fetched fallback(String reason) {
    return new Fetched(mapper.createObjectNode().put("uuid", "fallback"), reason);
  }

  private static String portOf(URI uri) {
    return uri.getPort() < 0 ? "" : ":" + uri.getPort();
  }
}
