package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.json;
import static dev.perfkit.local.lambda.TestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionRequest;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.Runtime;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionCodeResponse;
import software.amazon.awssdk.services.lambda.waiters.LambdaWaiter;

/**
 * The function resource of the Lambda API through the SDK's LambdaClient (Lambda API reference:
 * CreateFunction, GetFunction, ListFunctions, DeleteFunction, UpdateFunctionCode,
 * UpdateFunctionConfiguration), and the waiter {@code FunctionActiveV2}.
 */
class FunctionApiTest {

  static final String ROLE = "arn:aws:iam::000000000000:role/lab-role";
  private static final String HANDLER = ProbeHandler.class.getName() + "::handleRequest";

  private static LocalLambda lambda;
  private static LambdaClient client;

  @BeforeAll
  static void start() throws IOException {
    lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(30)).build();
    client = TestSupport.client(lambda.endpoint());
  }

  @AfterAll
  static void stop() {
    client.close();
    lambda.close();
  }

  static CreateFunctionRequest.Builder creation(String name, byte[] deploymentPackage) {
    return CreateFunctionRequest.builder()
        .functionName(name)
        .runtime(Runtime.JAVA21)
        .role(ROLE)
        .handler(HANDLER)
        .code(code -> code.zipFile(SdkBytes.fromByteArray(deploymentPackage)));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void createFunction_jar_answers201PendingAndTheCodeHash() throws Exception {
    byte[] jar = DeploymentPackages.jarOf(ProbeHandler.class);

    CreateFunctionResponse created =
        client.createFunction(creation("created", jar).description("from a jar").build());

    assertThat(created.sdkHttpResponse().statusCode()).isEqualTo(201);
    assertThat(created.state()).isEqualTo(State.PENDING);
    assertThat(created.codeSha256()).isEqualTo(sha256(jar));
    assertThat(created.codeSize()).isEqualTo(jar.length);
    assertThat(created.runtime()).isEqualTo(Runtime.JAVA21);
  }

  @Test
  void createFunction_packageNear50MbQuota_isAccepted() throws Exception {
    // Random bytes do not compress: the package stays about 40 MB, its Base64 about 53 MB.
    byte[] padding = new byte[40 * 1024 * 1024];
    new Random(7).nextBytes(padding);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("padding.bin"));
      zip.write(padding);
      zip.closeEntry();
    }
    byte[] large = bytes.toByteArray();

    CreateFunctionResponse created = client.createFunction(creation("large", large).build());

    assertThat(created.codeSize()).isEqualTo(large.length);
    assertThat(created.codeSha256()).isEqualTo(sha256(large));
  }

  @Test
  void waitUntilFunctionActiveV2_afterCreate_isActive() {
    client.createFunction(
        creation("activated", DeploymentPackages.jarOf(ProbeHandler.class)).build());

    try (LambdaWaiter waiter = client.waiter()) {
      GetFunctionResponse function =
          waiter
              .waitUntilFunctionActiveV2(request -> request.functionName("activated"))
              .matched()
              .response()
              .orElseThrow();
      assertThat(function.configuration().state()).isEqualTo(State.ACTIVE);
    }
  }

  @Test
  void getFunction_createdFunction_answersConfigurationCodeAndTags() throws Exception {
    byte[] jar = DeploymentPackages.jarOf(ProbeHandler.class);
    client.createFunction(
        creation("described-api", jar)
            .description("the probe")
            .memorySize(256)
            .timeout(20)
            .tags(Map.of("team", "perf"))
            .build());

    GetFunctionResponse function =
        client.getFunction(request -> request.functionName("described-api"));

    FunctionConfiguration configuration = function.configuration();
    assertThat(configuration.functionArn())
        .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:described-api");
    assertThat(configuration.runtime()).isEqualTo(Runtime.JAVA21);
    assertThat(configuration.role()).isEqualTo(ROLE);
    assertThat(configuration.description()).isEqualTo("the probe");
    assertThat(configuration.memorySize()).isEqualTo(256);
    assertThat(configuration.timeout()).isEqualTo(20);
    assertThat(configuration.codeSha256()).isEqualTo(sha256(jar));
    assertThat(configuration.codeSize()).isEqualTo(jar.length);
    assertThat(
            OffsetDateTime.parse(
                configuration.lastModified(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")))
        .isNotNull();
    assertThat(configuration.revisionId()).isNotBlank();
    assertThat(configuration.version()).isEqualTo("$LATEST");
    assertThat(function.code().location()).startsWith("file:");
    assertThat(function.tags()).containsExactly(Map.entry("team", "perf"));
    assertThat(function.concurrency()).isNull();
  }

  @Test
  void getFunction_deployedWithoutRuntime_reportsTheDefaultRuntimeNotTheHostJvm() {
    lambda.deploy(probe("deployed-runtime").description("deployed").build());

    FunctionConfiguration configuration =
        client.getFunction(request -> request.functionName("deployed-runtime")).configuration();

    assertThat(configuration.runtime()).isEqualTo(Runtime.JAVA21);
    assertThat(configuration.description()).isEqualTo("deployed");
    assertThat(configuration.role())
        .isEqualTo("arn:aws:iam::000000000000:role/deployed-runtime-role");
    assertThat(configuration.codeSha256()).isNotBlank();
  }

  @Test
  void createFunction_zipWithLib_runsTheHandlerFromLibWithItsRuntime() {
    client.createFunction(
        creation("from-lib", DeploymentPackages.zipWithLib(ProbeHandler.class))
            .runtime(Runtime.JAVA17)
            .build());

    JsonNode answer =
        json(client.invoke(request -> request.functionName("from-lib")).payload().asUtf8String());

    assertThat(answer.get("function_name").asText()).isEqualTo("from-lib");
    assertThat(answer.get("execution_env").asText()).isEqualTo("AWS_Lambda_java17");
  }

  @Test
  void createFunction_existingName_throwsResourceConflict() {
    client.createFunction(creation("twice", DeploymentPackages.jarOf(ProbeHandler.class)).build());

    assertThatThrownBy(
            () ->
                client.createFunction(
                    creation("twice", DeploymentPackages.jarOf(ProbeHandler.class)).build()))
        .isInstanceOfSatisfying(
            ResourceConflictException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(409);
              assertThat(e.getMessage()).contains("Function already exist: twice");
            });
  }

  @Test
  void createFunction_notAZip_throwsInvalidParameterValue() {
    assertThatThrownBy(
            () -> client.createFunction(creation("not-zip", "plain text".getBytes()).build()))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.getMessage()).contains("Could not unzip uploaded file"));
  }

  @Test
  void createFunction_codeFromS3_isRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                client.createFunction(
                    creation("from-s3", new byte[0])
                        .code(code -> code.s3Bucket("bucket").s3Key("code.zip"))
                        .build()))
        .isInstanceOfSatisfying(
            InvalidParameterValueException.class,
            e -> assertThat(e.getMessage()).contains("unsupported: [Code.S3Bucket, Code.S3Key]"));
  }

  @Test
  void listFunctions_smallPages_answersEveryFunctionOnceInOrder() {
    List<String> names = List.of("page-a", "page-b", "page-c", "page-d", "page-e");
    names.forEach(name -> lambda.deploy(probe(name).build()));

    List<String> listed =
        client.listFunctionsPaginator(request -> request.maxItems(2)).functions().stream()
            .map(FunctionConfiguration::functionName)
            .filter(names::contains)
            .toList();
    String firstMarker = client.listFunctions(request -> request.maxItems(2)).nextMarker();

    assertThat(listed).containsExactlyElementsOf(names);
    assertThat(firstMarker).isNotBlank();
  }

  @Test
  void deleteFunction_thenGetFunction_throwsResourceNotFound() {
    lambda.deploy(probe("deleted").build());

    client.deleteFunction(request -> request.functionName("deleted"));

    assertThatThrownBy(() -> client.getFunction(request -> request.functionName("deleted")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void updateFunctionCode_newPackage_changesCodeShaAndRevision() throws Exception {
    byte[] first = DeploymentPackages.jarOf(ProbeHandler.class);
    byte[] second = DeploymentPackages.jarOf(ProbeHandler.class, BrokenInitHandler.class);
    CreateFunctionResponse before = client.createFunction(creation("recoded", first).build());

    UpdateFunctionCodeResponse after =
        client.updateFunctionCode(
            request -> request.functionName("recoded").zipFile(SdkBytes.fromByteArray(second)));

    assertThat(after.codeSha256()).isEqualTo(sha256(second)).isNotEqualTo(before.codeSha256());
    assertThat(after.revisionId()).isNotEqualTo(before.revisionId());
    assertThat(after.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
  }

  @Test
  void updateFunctionConfiguration_descriptionRoleAndRuntime_areApplied() {
    lambda.deploy(probe("reconfigured").build());

    client.updateFunctionConfiguration(
        request ->
            request
                .functionName("reconfigured")
                .description("faster")
                .role("arn:aws:iam::000000000000:role/other")
                .runtime(Runtime.JAVA17));

    FunctionConfig applied = lambda.functionConfiguration("reconfigured");
    assertThat(applied.description()).isEqualTo("faster");
    assertThat(applied.role()).isEqualTo("arn:aws:iam::000000000000:role/other");
    assertThat(applied.runtime()).isEqualTo("java17");
  }

  @Test
  void updateFunctionConfiguration_staleRevisionId_throwsPreconditionFailed() {
    lambda.deploy(probe("revised").build());
    String revision =
        client.getFunction(request -> request.functionName("revised")).configuration().revisionId();
    client.updateFunctionConfiguration(request -> request.functionName("revised").timeout(10));

    assertThatThrownBy(
            () ->
                client.updateFunctionConfiguration(
                    request -> request.functionName("revised").timeout(20).revisionId(revision)))
        .isInstanceOfSatisfying(
            PreconditionFailedException.class,
            e -> {
              assertThat(e.statusCode()).isEqualTo(412);
              assertThat(e.getMessage()).contains("does not match the latest Revision Id");
            });
    assertThat(lambda.functionConfiguration("revised").timeout()).isEqualTo(Duration.ofSeconds(10));
  }
}
