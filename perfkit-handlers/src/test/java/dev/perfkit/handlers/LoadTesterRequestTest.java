package dev.perfkit.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadTesterRequestTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void toString_urlWithKeyInHeaderAndQuery_showsNeither() {
    LoadTesterRequest request =
        LoadTesterRequest.parse(
            "{\"targetUrl\": \"https://user:pw@api.example.com/prod/perf?api_key=q-secret\","
                + " \"headers\": {\"x-api-key\": \"h-secret\"}}",
            Environment.of(Map.of()),
            MAPPER);

    assertThat(request.toString())
        .contains("https://api.example.com/prod/perf", "x-api-key")
        .doesNotContain("h-secret", "q-secret", "pw");
  }

  @Test
  void workerBody_share_carriesTargetAndShareButNotWorkers() {
    LoadTesterRequest request =
        LoadTesterRequest.parse(
            "{\"targetFunction\": \"perf:prod\", \"workers\": 3, \"concurrentRequests\": 9,"
                + " \"testPayload\": {\"operation\": \"cpu_intensive\"}}",
            Environment.of(Map.of()),
            MAPPER);

    String body = request.workerBody(MAPPER, 2, 33, 3, 0, 5000).toString();

    assertThat(LoadTesterRequest.parse(body, Environment.of(Map.of()), MAPPER))
        .isEqualTo(
            new LoadTesterRequest(
                "perf:prod", null, Map.of(), request.testPayload(), 3, 33, 0, 0, 5000, 2));
  }
}
