package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What a user of the published artifacts gets, built as the README says. */
class ConsumerTest {

  private static final String SDK = "software" + File.separator + "amazon" + File.separator
      + "awssdk" + File.separator;

  @Test
  void handler_answersThroughThePipeline() {
    APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
        .withHttpMethod("GET")
        .withQueryStringParameters(Map.of("operation", "greet", "name", "consumer"));

    APIGatewayProxyResponseEvent response = new GreetingFunction().handleRequest(event, context());

    assertEquals(200, response.getStatusCode(), response.getBody());
    assertTrue(response.getBody().contains("hello consumer"), response.getBody());
  }

  @Test
  void sdkClient_fromTheRegistry_isBuiltWithTheNewerSdk() {
    try (ClientRegistry registry =
        ClientRegistry.builder(Environment.of(Map.of("AWS_REGION", "us-east-1"))).build()) {
      DynamoDbClient dynamo = registry.client(DynamoDbClient.class);
      assertEquals("dynamodb", dynamo.serviceName());
    }
  }

  @Test
  void sdkModules_onTheClasspath_areAllAtTheImportedBomsVersion() {
    Set<String> versions = new TreeSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
      int sdk = entry.indexOf(SDK);
      if (sdk >= 0) {
        String[] parts = entry.substring(sdk + SDK.length()).split(File.separator, -1);
        versions.add(parts[0] + ":" + parts[1]);
      }
    }
    assertTrue(versions.size() > 5, "SDK modules on the classpath: " + versions);
    String expected = System.getProperty("sdk.version");
    List<String> mixed =
        versions.stream().filter(module -> !module.endsWith(":" + expected)).toList();
    assertTrue(mixed.isEmpty(), "SDK modules not at " + expected + ": " + mixed);
  }

  /** One API and one provider at one version: no SLF4J warning at the first client. */
  @Test
  void slf4j_onTheClasspath_isOneApiAndItsProviderAtOneVersion() {
    Set<String> jars = classpathJars("slf4j-");
    String api = jars.stream().filter(jar -> jar.startsWith("slf4j-api-2.")).findFirst()
        .orElseThrow(() -> new AssertionError("no slf4j-api 2.x: " + jars));
    String version = api.substring("slf4j-api-".length());
    assertEquals(Set.of(api, "slf4j-simple-" + version), jars);
  }

  /** HdrHistogram is optional in perfkit-core: only the load generator's users add it. */
  @Test
  void hdrHistogram_isNotOnTheClasspathOfAFunctionWithoutTheLoadGenerator() {
    assertEquals(Set.of(), classpathJars("HdrHistogram-"));
  }

  @Test
  void libraries_inTheRepository_haveWhatCentralRequires() throws IOException {
    Path repository = Path.of(System.getProperty("repository"), "dev", "perfkit");
    String version = System.getProperty("perfkit.version");
    for (String library : List.of("perfkit-core", "perfkit-handlers", "perfkit-local")) {
      Path directory = repository.resolve(library).resolve(version);
      for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar", ".pom")) {
        Path file = directory.resolve(library + "-" + version + suffix);
        assertTrue(Files.isRegularFile(file), "missing " + file);
      }
      String pom = Files.readString(directory.resolve(library + "-" + version + ".pom"));
      assertTrue(pom.contains("<name>") && pom.contains("<description>"), library + " pom");
    }
    String parent = Files.readString(repository.resolve("perfkit-parent").resolve(version)
        .resolve("perfkit-parent-" + version + ".pom"));
    for (String element : List.of("<url>", "<licenses>", "<developers>", "<scm>")) {
      assertTrue(parent.contains(element), "perfkit-parent's POM has no " + element);
    }
  }

  /** The file names of the class path's jars that start with {@code prefix}. */
  private static Set<String> classpathJars(String prefix) {
    Set<String> jars = new TreeSet<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith(prefix)) {
        jars.add(name);
      }
    }
    return jars;
  }

  private static Context context() {
    return new Context() {
      @Override public String getAwsRequestId() { return "consumer-request"; }
      @Override public String getLogGroupName() { return "/aws/lambda/greeting"; }
      @Override public String getLogStreamName() { return "stream"; }
      @Override public String getFunctionName() { return "greeting"; }
      @Override public String getFunctionVersion() { return "$LATEST"; }
      @Override public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:greeting";
      }
      @Override public CognitoIdentity getIdentity() { return null; }
      @Override public ClientContext getClientContext() { return null; }
      @Override public int getRemainingTimeInMillis() { return 30_000; }
      @Override public int getMemoryLimitInMB() { return 512; }
      @Override public LambdaLogger getLogger() {
        return new LambdaLogger() {
          @Override public void log(String message) { System.out.println(message); }
          @Override public void log(byte[] message) { System.out.println(new String(message)); }
        };
      }
    };
  }
}
