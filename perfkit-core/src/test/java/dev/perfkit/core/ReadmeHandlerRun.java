package dev.perfkit.core;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the README's handler, constructs it and serves one request, as a cold Lambda would, in
 * the fresh JVM that {@link PreloadListTest} and {@link ReadmeSnapStartExampleTest} start. The
 * handler's EMF goes to standard output, then a last line {@value #ANSWER} and the answer's body.
 */
final class ReadmeHandlerRun {

  static final String ANSWER = "answer: ";

  /** An on-demand Lambda's variables: the README handler's registry and pipeline read them. */
  private static final Map<String, String> LAMBDA_ENVIRONMENT =
      Map.of(
          "AWS_REGION", "us-east-1",
          "AWS_ACCESS_KEY_ID", "AKIDPERFKIT",
          "AWS_SECRET_ACCESS_KEY", "perfkit-secret",
          "AWS_LAMBDA_FUNCTION_NAME", "greeting",
          "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");

  private ReadmeHandlerRun() {}

  /**
   * Runs the handler once; exits non-zero unless it answered 200.
   *
   * @param args {@code snapstart} to add the README's SnapStart constructor to the handler
   */
  public static void main(String[] args) throws Exception {
    Path classes = Files.createTempDirectory("readme-handler");
    APIGatewayProxyResponseEvent answer =
        ReadmeExample.handler(source(args.length > 0 && args[0].equals("snapstart")), classes)
            .handleRequest(
                new APIGatewayProxyRequestEvent()
                    .withHttpMethod("POST")
                    .withBody("{\"name\": \"lambda\", \"times\": 2}"),
                null);
    System.out.println(ANSWER + answer.getBody());
    if (answer.getStatusCode() != 200) {
      System.err.println("answered " + answer.getStatusCode() + ": " + answer.getBody());
      System.exit(1);
    }
  }

  /**
   * Runs {@link #main} in a fresh JVM with {@code jvmOptions} and {@link #LAMBDA_ENVIRONMENT}
   * alone, in {@code work}; fails unless it ends with 0 within two minutes.
   *
   * @return what it wrote to standard output and error, line by line
   */
  static List<String> inFreshJvm(Path work, List<String> jvmOptions, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", ReadmeExample.classpath(), ReadmeHandlerRun.class.getName()));
    command.addAll(List.of(args));
    Path output = work.resolve("run.out");
    ProcessBuilder java =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
    java.environment().clear();
    java.environment().putAll(LAMBDA_ENVIRONMENT);
    Process run = java.start();
    if (!run.waitFor(2, TimeUnit.MINUTES)) {
      run.destroyForcibly();
      throw new AssertionError("the README handler's run did not end within 2 minutes");
    }
    List<String> lines = Files.readAllLines(output);
    if (run.exitValue() != 0) {
      throw new AssertionError("the README handler's run failed: " + lines);
    }
    return lines;
  }

  private static String source(boolean snapStart) throws IOException {
    String handler = ReadmeExample.block("core");
    if (!snapStart) {
      return handler;
    }
    String methods = "  @Override\n";
    int at = handler.indexOf(methods);
    if (at < 0) {
      throw new AssertionError(
          "the README handler has no @Override method to add the constructor before");
    }
    return handler.substring(0, at)
        + ReadmeExample.block("snapstart")
        + "\n"
        + handler.substring(at);
  }
}
