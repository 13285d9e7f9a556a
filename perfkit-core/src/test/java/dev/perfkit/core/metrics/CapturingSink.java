package dev.perfkit.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A sink that keeps a copy of every document, as a line of text would be kept by CloudWatch. */
final class CapturingSink implements MetricsSink {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final List<String> documents = new ArrayList<>();

  @Override
  public synchronized void write(byte[] utf8Json, int offset, int length) {
    documents.add(new String(utf8Json, offset, length, StandardCharsets.UTF_8));
  }

  synchronized List<String> documents() {
    return List.copyOf(documents);
  }

  List<JsonNode> parsed() {
    return documents().stream().map(CapturingSink::parse).toList();
  }

  static JsonNode parse(String document) {
    try {
      return JSON.readTree(document);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
