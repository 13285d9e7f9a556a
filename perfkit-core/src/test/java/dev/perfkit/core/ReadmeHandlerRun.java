package dev.perfkit.core;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compiles the README's handler, constructs it and serves one request, as a cold Lambda would:
 * {@link PreloadListTest} runs it in a fresh JVM and records the classes it loads.
 */
final class ReadmeHandlerRun {

  private ReadmeHandlerRun() {}

  /**
   * Runs the handler once; exits non-zero unless it answered 200.
   *
   * @param args none
   */
  public static void main(String[] args) throws Exception {
    Path classes = Files.createTempDirectory("readme-handler");
    APIGatewayProxyResponseEvent answer =
        ReadmeExample.handler(ReadmeExample.block("core"), classes)
            .handleRequest(
                new APIGatewayProxyRequestEvent()
                    .withHttpMethod("POST")
                    .withBody("{\"name\": \"lambda\", \"times\": 2}"),
                null);
    if (answer.getStatusCode() != 200) {
      System.err.println("answered " + answer.getStatusCode() + ": " + answer.getBody());
      System.exit(1);
    }
  }
}
