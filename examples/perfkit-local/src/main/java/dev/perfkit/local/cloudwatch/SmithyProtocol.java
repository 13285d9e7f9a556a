package dev.perfkit.local.cloudwatch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two protocols of CloudWatch's Smithy model besides query: {@code awsJson1_0} (JSON bodies,
 * the operation in {@code X-Amz-Target}) and {@code smithy-rpc-v2-cbor} (CBOR bodies, the operation
 * in the path, timestamps as tag 1). CloudWatch is {@code awsQueryCompatible}: an error carries its
 * shape name in {@code __type} and its query code in {@code x-amzn-query-error}, which the SDKs
 * read.
 *
 * @see <a href="https://smithy.io/2.0/additional-specs/protocols/smithy-rpc-v2.html">Smithy RPC v2
 *     CBOR</a>
 */
final class SmithyProtocol implements Protocol {

  static final String SHAPE_NAMESPACE = "com.amazonaws.cloudwatch#";

  private final String name;
  private final ObjectMapper mapper;
  private final String contentType;
  private final Map<String, String> headers;

  private SmithyProtocol(
      String name, ObjectMapper mapper, String contentType, Map<String, String> headers) {
    this.name = name;
    this.mapper = mapper;
    this.contentType = contentType;
    this.headers = headers;
  }

  static SmithyProtocol json() {
    ObjectMapper mapper =
        withTimestamps(new ObjectMapper(), (value, out) -> out.writeNumber(epochSeconds(value)));
    return new SmithyProtocol("json", mapper, "application/x-amz-json-1.0", Map.of());
  }

  static SmithyProtocol cbor() {
    ObjectMapper mapper =
        withTimestamps(
            new CBORMapper(),
            (value, out) -> {
              ((CBORGenerator) out).writeTag(1);
              if (value.getNano() == 0) {
                out.writeNumber(value.getEpochSecond());
              } else {
                out.writeNumber(epochSeconds(value).doubleValue());
              }
            });
    return new SmithyProtocol(
        "cbor", mapper, "application/cbor", Map.of("smithy-protocol", "rpc-v2-cbor"));
  }

  /** How a protocol writes a timestamp. */
  private interface TimestampWriter {
    void write(Instant value, JsonGenerator out) throws IOException;
  }

  private static ObjectMapper withTimestamps(ObjectMapper mapper, TimestampWriter writer) {
    return mapper.registerModule(
        new SimpleModule()
            .addSerializer(
                Instant.class,
                new JsonSerializer<Instant>() {
                  @Override
                  public void serialize(
                      Instant value, JsonGenerator out, SerializerProvider provider)
                      throws IOException {
                    writer.write(value, out);
                  }
                }));
  }

  private static BigDecimal epochSeconds(Instant value) {
    return BigDecimal.valueOf(value.getEpochSecond())
        .add(BigDecimal.valueOf(value.getNano(), 9))
        .stripTrailingZeros();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public JsonNode read(byte[] body) throws IOException {
    if (body.length == 0) {
      return mapper.createObjectNode();
    }
    return mapper.readTree(body);
  }

  @Override
  public Answer answer(String operation, JsonNode output, String requestId) throws IOException {
    byte[] body = output == null ? new byte[0] : mapper.writeValueAsBytes(output);
    return new Answer(200, contentType, body, headers(requestId, null));
  }

  @Override
  public Answer error(CloudWatchException error, String requestId) throws IOException {
    ObjectNode body = mapper.createObjectNode();
    body.put("__type", SHAPE_NAMESPACE + error.shape);
    body.put("message", error.getMessage());
    body.setAll(error.members);
    return new Answer(
        error.status,
        contentType,
        mapper.writeValueAsBytes(body),
        headers(requestId, error.code + ";" + (error.senderFault ? "Sender" : "Receiver")));
  }

  private Map<String, String> headers(String requestId, String queryError) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("x-amzn-RequestId", requestId);
    if (queryError != null) {
      all.put("x-amzn-query-error", queryError);
    }
    return all;
  }
}
