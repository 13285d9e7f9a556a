package dev.perfkit.core;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
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

/** The README's Java code blocks ({@code <!-- readme-example:NAME -->}), compiled as written. */
final class ReadmeExample {

  static final Path README = Path.of("..", "README.md");

  private ReadmeExample() {}

  /** The text of the java block tagged {@code readme-example:name}. */
  static String block(String name) throws IOException {
    Matcher block =
        Pattern.compile(
                "<!-- readme-example:" + Pattern.quote(name) + "\\b[^>]*-->\\s*```java\\n(.*?)```",
                Pattern.DOTALL)
            .matcher(Files.readString(README));
    if (!block.find()) {
      throw new AssertionError("README.md has no readme-example:" + name + " java block");
    }
    return block.group(1);
  }

  /**
   * Compiles {@code source}, the class {@code GreetingFunction}, into {@code classes} against the
   * test class path, and constructs it.
   */
  @SuppressWarnings("unchecked")
  static RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler(
      String source, Path classes) throws Exception {
    Path file = classes.resolve("GreetingFunction.java");
    Files.writeString(file, source);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    boolean compiled =
        javac
            .getTask(
                diagnostics,
                null,
                null,
                List.of("-classpath", classpath(), "-d", classes.toString(), "--release", "17"),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file))
            .call();
    if (!compiled) {
      throw new AssertionError("the README example does not compile:\n" + diagnostics);
    }
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ReadmeExample.class.getClassLoader());
    return (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>)
        loader.loadClass("GreetingFunction").getConstructor().newInstance();
  }

  /** The test class path (surefire's, not its booter jar's). */
  static String classpath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
