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
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * {@code default}: GETs {@code PERFKIT_EXTERNAL_URL} over the registry's pooled HTTP client and
 * returns its JSON, of at most {@value #MAX_BODY_BYTES} bytes; on any failure the lab's {@code
 * {"uuid": "fallback"}} and a {@code fallback_reason}. The whole exchange (a pooled connection,
 * connect, headers, body) has one 2 s deadline, after which its connection is closed; an answer
 * that is abandoned (not 200, too long, too slow) is closed, never drained.
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
      Environment environment, ClientRegistry clients, ObjectMapper mapper, Ticker ticker) {
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
    try (ExchangeDeadline deadline = new ExchangeDeadline(TIMEOUT, get)) {
      ClassicHttpResponse response;
      try {
        response = clients.http().executeOpen(null, get, null);
      } catch (IOException e) {
        return deadline.passed() ? fallback(noResponse(uri)) : failure(e, uri);
      }
      try {
        return read(response, get, uri);
      } catch (IOException e) {
        get.cancel();
        return fallback(
            deadline.passed()
                ? "timeout: the response from "
                    + uri.getHost()
                    + " did not complete within "
                    + TIMEOUT.toMillis()
                    + " ms"
                : e.getClass().getSimpleName()
                    + " while reading the response from "
                    + uri.getHost());
      } finally {
        close(response);
      }
    }
  }

  /**
   * The response's JSON, read to its end; an answer that is not read to its end (not 200, too long)
   * is abandoned: its connection is closed rather than drained.
   */
  private Fetched read(ClassicHttpResponse response, HttpGet get, URI uri) throws IOException {
    if (response.getCode() != OK) {
      get.cancel();
      return fallback("status " + response.getCode() + " from " + uri.getHost());
    }
    HttpEntity entity = response.getEntity();
    if (entity == null) {
      return fallback("empty response from " + uri.getHost());
    }
    byte[] body =
        entity.getContentLength() > MAX_BODY_BYTES
            ? null
            : entity.getContent().readNBytes(MAX_BODY_BYTES + 1);
    if (body == null || body.length > MAX_BODY_BYTES) {
      get.cancel();
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

  /** Why no response came, for a failure before the status line. */
  private Fetched failure(IOException e, URI uri) {
    if (e instanceof ConnectionRequestTimeoutException) {
      return fallback("timeout: no pooled connection free within " + TIMEOUT.toMillis() + " ms");
    }
    if (e instanceof ConnectTimeoutException) {
      return fallback("timeout: could not connect to " + uri.getHost());
    }
    if (e instanceof SocketTimeoutException) {
      return fallback(noResponse(uri));
    }
    if (e instanceof ConnectException) {
      return fallback("connection refused by " + uri.getHost() + portOf(uri));
    }
    if (e instanceof UnknownHostException) {
      return fallback("unknown host " + uri.getHost());
    }
    if (e instanceof SSLException) {
      return fallback("TLS failure with " + uri.getHost() + ": " + e.getMessage());
    }
    return fallback(e.getClass().getSimpleName() + " from " + uri.getHost());
  }

  private static String noResponse(URI uri) {
    return "timeout: no response from " + uri.getHost() + " within " + TIMEOUT.toMillis() + " ms";
  }

  /** Closes a response that was read to its end or whose exchange was cancelled. */
  private static void close(ClassicHttpResponse response) {
    try {
      response.close();
    } catch (IOException e) {
      // A cancelled exchange's connection is already closed: nothing is left to release.
    }
  }

  private Fetched fallback(String reason) {
    return new Fetched(mapper.createObjectNode().put("uuid", "fallback"), reason);
  }

  private static String portOf(URI uri) {
    return uri.getPort() < 0 ? "" : ":" + uri.getPort();
  }
}
