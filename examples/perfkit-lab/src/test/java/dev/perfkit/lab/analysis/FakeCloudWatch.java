package dev.perfkit.lab.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * A stand-in for CloudWatch's GetMetricData on loopback, speaking the protocol the AWS SDK uses for
 * CloudWatch (Smithy RPC v2 with CBOR bodies). No real CloudWatch can run here: it is a regional
 * AWS service with no local implementation, and tests have no account or network.
 */
public final class FakeCloudWatch implements AutoCloseable {

  /** One received request: its path, its smithy-protocol header and its decoded body. */
  public record Request(String path, String protocol, JsonNode body) {}

  /** One result of a GetMetricData answer. */
  public record Result(String id, String status, Map<Instant, Double> points) {}

  /** A GetMetricData answer. */
  public record Answer(List<Result> results, String nextToken) {}

  private static final CBORMapper CBOR = new CBORMapper();

  private final HttpServer server;
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  public FakeCloudWatch(Function<JsonNode, Answer> answers) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            JsonNode body = CBOR.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(
                new Request(
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("smithy-protocol"),
                    body));
            respond(exchange, encode(answers.apply(body)));
          }
        });
    server.start();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public CloudWatchClient client() {
    return CloudWatchClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .build();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void respond(HttpExchange exchange, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/cbor");
    exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] encode(Answer answer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (CBORGenerator cbor = new CBORFactory().createGenerator(bytes)) {
      cbor.writeStartObject();
      cbor.writeFieldName("MetricDataResults");
      cbor.writeStartArray();
      for (Result result : answer.results()) {
        cbor.writeStartObject();
        cbor.writeStringField("Id", result.id());
        cbor.writeStringField("Label", result.id());
        cbor.writeFieldName("Timestamps");
        cbor.writeStartArray();
        for (Instant timestamp : result.points().keySet()) {
          cbor.writeTag(1);
          cbor.writeNumber(timestamp.getEpochSecond());
        }
        cbor.writeEndArray();
        cbor.writeFieldName("Values");
        cbor.writeStartArray();
        for (double value : result.points().values()) {
          cbor.writeNumber(value);
        }
        cbor.writeEndArray();
        cbor.writeStringField("StatusCode", result.status());
        cbor.writeEndObject();
      }
      cbor.writeEndArray();
      if (answer.nextToken() != null) {
        cbor.writeStringField("NextToken", answer.nextToken());
      }
      cbor.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
