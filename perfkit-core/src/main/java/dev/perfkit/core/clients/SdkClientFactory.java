package dev.perfkit.core.clients;

import dev.perfkit.core.Environment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Builds SDK v2 synchronous clients through their static {@code builder()}, configured from an
 * {@link Environment} the way the SDK would configure itself from the process environment.
 */
final class SdkClientFactory implements AutoCloseable {

  static final String AWS_REGION = "AWS_REGION";
  static final String DEFAULT_REGION = "us-east-1";
  static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
  static final String AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
  static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";
  static final int MAX_ATTEMPTS = 3;

  private final Environment environment;
  private final SdkHttpClient httpClient;
  private final Region region;
  private final AwsCredentialsProvider credentials;

  SdkClientFactory(Environment environment, SdkHttpClient httpClient) {
    this.environment = environment;
    this.httpClient = httpClient;
    this.region = Region.of(environment.getOrDefault(AWS_REGION, DEFAULT_REGION));
    this.credentials = credentials(environment);
  }

  /**
   * Credentials from the environment's access key variables when it has them, as on-demand Lambda
   * environments do: no provider chain to walk on the cold path. Otherwise the SDK's default chain,
   * which covers SnapStart (container credentials), profiles and instance roles.
   */
  private static AwsCredentialsProvider credentials(Environment environment) {
    Optional<String> keyId = environment.get(AWS_ACCESS_KEY_ID);
    Optional<String> secret = environment.get(AWS_SECRET_ACCESS_KEY);
    if (keyId.isEmpty() || secret.isEmpty()) {
      return DefaultCredentialsProvider.builder().build();
    }
    Optional<String> token = environment.get(AWS_SESSION_TOKEN);
    return StaticCredentialsProvider.create(
        token.isPresent()
            ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
            : AwsBasicCredentials.create(keyId.get(), secret.get()));
  }

  Region region() {
    return region;
  }

  /**
   * The endpoint override for clients of {@code type}, resolved as the SDK does: {@code
   * AWS_ENDPOINT_URL_<SERVICE>} first, then {@code AWS_ENDPOINT_URL}, none when {@code
   * AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is true.
   */
  Optional<URI> endpointOverride(Class<?> type) {
    if (environment
        .get(AWS_IGNORE_CONFIGURED_ENDPOINT_URLS)
        .filter("true"::equalsIgnoreCase)
        .isPresent()) {
      return Optional.empty();
    }
    String serviceVariable = serviceEndpointVariable(type);
    Optional<String> service = environment.get(serviceVariable);
    if (service.isPresent()) {
      return Optional.of(endpoint(serviceVariable, service.get()));
    }
    return environment.get(AWS_ENDPOINT_URL).map(value -> endpoint(AWS_ENDPOINT_URL, value));
  }

  /**
   * The SDK names the variable after the service id, upper case with spaces as underscores ({@code
   * DynamoDB} gives {@code AWS_ENDPOINT_URL_DYNAMODB}). The id is not exposed at runtime; the
   * client's interface name is the id in PascalCase ({@code DynamoDbClient}), which gives the same
   * name for every one-word id (DynamoDB, Lambda, SQS, S3, STS, SNS, Kinesis, ...).
   */
  static String serviceEndpointVariable(Class<?> type) {
    String name = type.getSimpleName();
    String service = name.endsWith("Client") ? name.substring(0, name.length() - 6) : name;
    return AWS_ENDPOINT_URL + "_" + service.toUpperCase(Locale.ROOT);
  }

  private static URI endpoint(String variable, String value) {
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme();
      if (uri.getHost() != null
          && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        return uri;
      }
    } catch (URISyntaxException e) {
      throw invalidEndpoint(variable, value, e);
    }
    throw invalidEndpoint(variable, value, null);
  }

  private static IllegalArgumentException invalidEndpoint(
      String variable, String value, Exception cause) {
    return new IllegalArgumentException(
        variable
            + " must be an http or https URL with a host, e.g. http://localhost:8000, but was '"
            + value
            + "'",
        cause);
  }

  /** A new client of {@code type}, sharing this factory's HTTP client, region and credentials. */
  <T extends SdkClient> T create(Class<T> type) {
    Object builder = builderOf(type);
    if (!(builder instanceof SdkSyncClientBuilder) || !(builder instanceof AwsClientBuilder)) {
      throw new IllegalArgumentException(
          type.getName()
              + " is not a synchronous AWS SDK v2 client: its builder() returns a "
              + builder.getClass().getName()
              + "; pass the synchronous client interface, e.g. DynamoDbClient rather than"
              + " DynamoDbAsyncClient");
    }
    configure((AwsClientBuilder<?, ?>) builder, type);
    ((SdkSyncClientBuilder<?, ?>) builder).httpClient(httpClient);
    Object client = ((SdkBuilder<?, ?>) builder).build();
    if (!type.isInstance(client)) {
      throw new IllegalArgumentException(
          type.getName()
              + ".builder().build() returned a "
              + client.getClass().getName()
              + ", not a "
              + type.getName());
    }
    return type.cast(client);
  }

  private void configure(AwsClientBuilder<?, ?> builder, Class<?> type) {
    builder.region(region);
    builder.credentialsProvider(credentials);
    builder.overrideConfiguration(
        ClientOverrideConfiguration.builder()
            .retryStrategy(
                AwsRetryStrategy.adaptiveRetryStrategy().toBuilder()
                    .maxAttempts(MAX_ATTEMPTS)
                    .build())
            .build());
    endpointOverride(type).ifPresent(builder::endpointOverride);
  }

  private static Object builderOf(Class<?> type) {
    if (!SdkClient.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          type.getName()
              + " is not an AWS SDK v2 client; pass a service client interface such as"
              + " DynamoDbClient.class");
    }
    try {
      return findBuilder(type).invoke();
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(type.getName() + ".builder() failed", e);
    }
  }

  /**
   * {@code type}'s static {@code builder()}, found by the return type the SDK names after the
   * client ({@code DynamoDbClient} -> {@code DynamoDbClientBuilder}): unlike {@code getMethod},
   * this does not resolve every method signature of the client. In fresh JVMs that was 168 classes
   * loaded in 32-43 ms for DynamoDbClient, against 335 classes in 63-123 ms.
   */
  private static MethodHandle findBuilder(Class<?> type) {
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();
    try {
      Class<?> builderType =
          Class.forName(type.getName() + "Builder", false, type.getClassLoader());
      return lookup.findStatic(type, "builder", MethodType.methodType(builderType));
    } catch (ClassNotFoundException
        | NoSuchMethodException
        | IllegalAccessException unconventional) {
      try {
        Method builder = type.getMethod("builder");
        if (!Modifier.isStatic(builder.getModifiers())) {
          throw noBuilder(type, null);
        }
        return lookup.unreflect(builder);
      } catch (NoSuchMethodException | IllegalAccessException e) {
        throw noBuilder(type, e);
      }
    }
  }

  private static IllegalArgumentException noBuilder(Class<?> type, Exception cause) {
    return new IllegalArgumentException(
        type.getName()
            + " has no public static builder(); pass a service client interface such as"
            + " DynamoDbClient.class",
        cause);
  }

  @Override
  public void close() {
    if (credentials instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
  }
}
