package dev.perfkit.core.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.Environment;
import dev.perfkit.core.routing.OperationRouter;
import dev.perfkit.core.testing.CapturedEmf;
import dev.perfkit.core.testing.LambdaTestContext;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An unexpected exception: a generic 500 for the caller, the whole exception for the log. */
class UnexpectedFailureTest {

  record NoParams() {}

  private static final String SECRET = "db password=hunter2";

  private final ObjectMapper json = new ObjectMapper();
  private final CapturedEmf documents = new CapturedEmf();
  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Logger log = Logger.getLogger(ApiGatewayPipeline.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private final ApiGatewayPipeline pipeline =
      ApiGatewayPipeline.builder(
              OperationRouter.builder()
                  .operation(
                      "leak",
                      NoParams.class,
                      (params, context) -> {
                        throw new IllegalStateException(SECRET);
                      })
                  .build())
          .environment(Environment.of(Map.of()))
          .metrics(ApiGatewayPipeline.standardEmitter(Environment.of(Map.of()), documents))
          .build();

  @BeforeEach
  void captureLog() {
    log.addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    log.removeHandler(capture);
  }

  private APIGatewayProxyResponseEvent leak(LambdaTestContext context) {
    return pipeline.handle(
        new APIGatewayProxyRequestEvent().withBody("{\"operation\": \"leak\"}"), context);
  }

  @Test
  void handle_unexpectedException_answersGenericMessageWithTheRequestId() throws IOException {
    APIGatewayProxyResponseEvent response =
        leak(LambdaTestContext.of("leaky-fn").withRequestId("req-42"));

    assertThat(response.getStatusCode()).isEqualTo(500);
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("error").asText()).isEqualTo("Internal server error");
    assertThat(body.get("error_type").asText()).isEqualTo("InternalError");
    assertThat(body.get("request_id").asText()).isEqualTo("req-42");
    assertThat(response.getBody()).doesNotContain("hunter2");
  }

  @Test
  void handle_unexpectedExceptionWithoutContext_answersWithoutRequestId() throws IOException {
    APIGatewayProxyResponseEvent response = leak(null);

    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("error").asText()).isEqualTo("Internal server error");
    assertThat(body.has("request_id")).isFalse();
  }

  @Test
  void handle_unexpectedException_logsTheExceptionWithTheRequestId() {
    leak(LambdaTestContext.of("leaky-fn").withRequestId("req-42"));

    assertThat(logged)
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.getMessage()).contains("req-42", "IllegalStateException");
              assertThat(record.getThrown()).isInstanceOf(IllegalStateException.class);
              assertThat(record.getThrown()).hasMessage(SECRET);
            });
  }

  @Test
  void handle_unexpectedException_recordsItsClassAsTheErrorTypeProperty() {
    leak(LambdaTestContext.of("leaky-fn"));

    JsonNode document = documents.single();
    assertThat(document.get("ErrorType").asText()).isEqualTo("IllegalStateException");
    assertThat(document.toString()).doesNotContain("hunter2");
  }
}
