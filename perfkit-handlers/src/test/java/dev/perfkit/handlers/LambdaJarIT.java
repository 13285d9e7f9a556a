package dev.perfkit.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment package as Lambda receives it ({@code perfkit-handlers-<version>-lambda.jar}),
 * checked by failsafe after {@code package}.
 */
class LambdaJarIT {

  /**
   * 1.3 times the size measured with the three handlers in it (16,981,789 bytes): a dependency that
   * bloats the package (netty and a second Apache client added 4.4 MB) fails here.
   */
  private static final long MAX_BYTES = 22_000_000;

  private static Path jar;
  private static List<String> entries;

  @BeforeAll
  static void open() throws IOException {
    jar =
        Path.of(
            Objects.requireNonNull(
                System.getProperty("perfkit.lambdaJar"),
                "system property perfkit.lambdaJar (set by the pom's failsafe configuration)"));
    try (JarFile file = new JarFile(jar.toFile())) {
      entries = file.stream().map(ZipEntry::getName).toList();
    }
  }

  @Test
  void lambdaJar_holdsTheHandlersAndWhatTheyRunOn() {
    assertThat(entries)
        .contains(
            "dev/perfkit/handlers/SqsScaler.class",
            "dev/perfkit/core/batch/SqsBatchProcessor.class",
            "com/amazonaws/services/lambda/runtime/RequestHandler.class",
            "com/amazonaws/services/lambda/runtime/events/SQSEvent.class",
            "com/fasterxml/jackson/databind/ObjectMapper.class",
            "software/amazon/awssdk/services/dynamodb/DynamoDbClient.class",
            "software/amazon/awssdk/services/lambda/LambdaClient.class",
            "software/amazon/awssdk/http/apache5/Apache5HttpClient.class",
            "org/apache/hc/client5/http/impl/classic/CloseableHttpClient.class",
            "org/HdrHistogram/Histogram.class");
  }

  @Test
  void lambdaJar_holdsNoTestBenchmarkOrUnusedHttpCode() throws IOException {
    List<String> unwanted =
        List.of(
            "org/junit/",
            "org/assertj/",
            "net/bytebuddy/",
            "org/opentest4j/",
            "com/amazonaws/services/lambda/runtime/tests/",
            "org/openjdk/jmh/",
            "dev/perfkit/handlers/testing/",
            "dev/perfkit/bench/",
            "dev/perfkit/local/",
            "dev/perfkit/lab/",
            "io/netty/",
            "software/amazon/awssdk/http/nio/",
            "software/amazon/awssdk/http/apache/",
            "org/apache/http/",
            "events/");
    assertThat(entries)
        .filteredOn(entry -> unwanted.stream().anyMatch(entry::startsWith))
        .isEmpty();
    assertThat(entries).doesNotContainAnyElementsOf(testClasses());
  }

  /**
   * The entries this module's test sources compiled to, e.g. {@code
   * dev/perfkit/handlers/XTest.class}.
   */
  private static List<String> testClasses() throws IOException {
    Path root = Path.of("target", "test-classes");
    try (var files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString().replace('\\', '/'))
          .toList();
    }
  }

  @Test
  void lambdaJar_holdsNoSignaturesOrModuleDescriptors() {
    assertThat(entries)
        .noneMatch(entry -> entry.matches("META-INF/[^/]+\\.(SF|DSA|RSA)"))
        .noneMatch(entry -> entry.endsWith("module-info.class"));
  }

  @Test
  void lambdaJar_mergesServiceFiles() throws IOException {
    try (JarFile file = new JarFile(jar.toFile());
        InputStream in =
            file.getInputStream(
                file.getEntry("META-INF/services/software.amazon.awssdk.http.SdkHttpService"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("software.amazon.awssdk.http.apache5.Apache5SdkHttpService");
    }
  }

  @Test
  void lambdaJar_staysUnderItsSizeBudget() throws IOException {
    assertThat(Files.size(jar)).isLessThan(MAX_BYTES);
  }

  /**
   * The Lambda Java runtime's event serializer loads {@code org.joda.time.DateTime} from the
   * function's class path before it reads any event (aws/aws-lambda-java-libs#72): excluding
   * joda-time would fail every invocation.
   */
  @Test
  void lambdaJar_holdsJodaTimeForTheRuntimesEventSerializer() {
    assertThat(entries).contains("org/joda/time/DateTime.class");
  }

  /** A cold start as the jar has it: an SDK client built, SLF4J bound once, silently. */
  @Test
  void lambdaJar_buildsAnSdkClientWithoutAnSlf4jWarning(@TempDir Path directory) throws Exception {
    Path probe = directory.resolve("ColdStart.java");
    Files.writeString(
        probe,
        """
        import dev.perfkit.core.Environment;
        import dev.perfkit.core.clients.ClientRegistry;
        import java.util.Map;
        import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

        public class ColdStart {
          public static void main(String[] args) {
            try (ClientRegistry registry =
                ClientRegistry.builder(Environment.of(Map.of("AWS_REGION", "us-east-1"))).build()) {
              registry.client(DynamoDbClient.class);
            }
            System.out.println(org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName());
          }
        }
        """);
    Path out = directory.resolve("out.txt");
    Path err = directory.resolve("err.txt");
    Process java =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                jar.toString(),
                probe.toString())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    try {
      assertThat(java.waitFor(120, TimeUnit.SECONDS)).as("the probe finished").isTrue();
    } finally {
      java.destroyForcibly();
    }

    assertThat(java.exitValue()).as(Files.readString(err)).isZero();
    assertThat(Files.readString(err)).doesNotContain("SLF4J");
    assertThat(Files.readString(out).strip()).isEqualTo("org.slf4j.simple.SimpleLoggerFactory");
  }

  /** Loads the handler from the jar alone (no test class path) and runs one batch through it. */
  @Test
  void lambdaJar_runsSqsScalerOnItsOwn() throws Exception {
    List<String> logged = Collections.synchronizedList(new ArrayList<>());
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> eventType =
          loader.loadClass("com.amazonaws.services.lambda.runtime.events.SQSEvent");
      Class<?> messageType =
          loader.loadClass("com.amazonaws.services.lambda.runtime.events.SQSEvent$SQSMessage");
      Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
      Class<?> loggerType = loader.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
      Object event = eventType.getConstructor().newInstance();
      eventType
          .getMethod("setRecords", List.class)
          .invoke(
              event,
              List.of(
                  message(messageType, "message-1", "{\"id\": \"msg-1\"}"),
                  message(messageType, "message-2", "not json")));
      Object logger =
          proxy(
              loader,
              loggerType,
              (method, args) -> {
                logged.add(String.valueOf(args[0]));
                return null;
              });
      Object context =
          proxy(
              loader,
              contextType,
              (method, args) ->
                  switch (method.getName()) {
                    case "getLogger" -> logger;
                    case "getFunctionName" -> "perfkit-sqs-scaler";
                    case "getAwsRequestId" -> "jar-check";
                    default -> throw new UnsupportedOperationException(method.getName());
                  });

      Class<?> handlerType = loader.loadClass("dev.perfkit.handlers.SqsScaler");
      Object handler = handlerType.getConstructor().newInstance();
      Object response =
          handlerType
              .getMethod("handleRequest", eventType, contextType)
              .invoke(handler, event, context);

      List<?> failures =
          (List<?>) response.getClass().getMethod("getBatchItemFailures").invoke(response);
      assertThat(failures).hasSize(1);
      Object failure = failures.get(0);
      assertThat(failure.getClass().getMethod("getItemIdentifier").invoke(failure))
          .isEqualTo("message-2");
      assertThat(logged).contains("Processed message: msg-1\n");
    }
  }

  private static Object message(Class<?> type, String messageId, String body) throws Exception {
    Object message = type.getConstructor().newInstance();
    type.getMethod("setMessageId", String.class).invoke(message, messageId);
    type.getMethod("setBody", String.class).invoke(message, body);
    type.getMethod("setEventSourceArn", String.class)
        .invoke(message, "arn:aws:sqs:us-east-1:123456789012:perfkit-high-throughput-queue");
    return message;
  }

  @FunctionalInterface
  private interface Answer {
    Object answer(Method method, Object[] args);
  }

  private static Object proxy(ClassLoader loader, Class<?> type, Answer answer) {
    return Proxy.newProxyInstance(
        loader,
        new Class<?>[] {type},
        (self, method, args) -> {
          if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
              case "hashCode" -> System.identityHashCode(self);
              case "equals" -> self == args[0];
              default -> type.getSimpleName() + " proxy";
            };
          }
          return answer.answer(method, args);
        });
  }
}
