package dev.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "use perfkit-core in your handler" example, compiled and invoked as written. */
class ReadmeExampleTest {

  private static final Pattern EXAMPLE =
      Pattern.compile("<!-- readme-example:core[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @TempDir static Path classes;

  private static RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void compileTheExample() throws Exception {
    Matcher example = EXAMPLE.matcher(Files.readString(Path.of("..", "README.md")));
    assertThat(example.find()).as("README.md has a readme-example:core java block").isTrue();
    Path source = classes.resolve("GreetingFunction.java");
    Files.writeString(source, example.group(1));

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    boolean compiled =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                List.of("-classpath", classpath, "-d", classes.toString(), "--release", "17"),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(source))
            .call();
    assertThat(compiled).as("README example compiles:%n%s", diagnostics).isTrue();

    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ReadmeExampleTest.class.getClassLoader());
    handler =
        (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>)
            loader.loadClass("GreetingFunction").getConstructor().newInstance();
  }

  @Test
  void example_greets_asTheReadmeSays() throws IOException {
    JsonNode body = invoke("{\"name\": \"lambda\", \"times\": 2}");

    assertThat(body.at("/result/greeting").asText()).isEqualTo("hello lambda hello lambda");
    assertThat(body.at("/performance/cold_start").isBoolean()).isTrue();
  }

  @Test
  void example_outOfRange_answers400AsTheReadmeSays() throws IOException {
    JsonNode body = invoke("{\"times\": 11}");

    assertThat(body.get("error").asText())
        .isEqualTo("Invalid value for 'times': expected an integer from 1 to 10, got 11");
  }

  private static JsonNode invoke(String json) throws IOException {
    Context noContext = null;
    APIGatewayProxyResponseEvent response =
        handler.handleRequest(
            new APIGatewayProxyRequestEvent().withHttpMethod("POST").withBody(json), noContext);
    return new ObjectMapper().readTree(response.getBody());
  }
}
