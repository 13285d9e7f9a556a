package dev.perfkit.lab.local;

import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.LabStack;
import java.net.URI;
import java.nio.file.Path;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

/** Shared helpers of the local lab's tests, and of the CLI and tuning tests that start it. */
public final class LabTestSupport {

  private LabTestSupport() {}

  /** The handlers' Lambda jar the build copies into target/ before the tests. */
  public static Path handlersJar() {
    return LocalLab.findHandlersJar()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "perfkit-handlers' Lambda jar is not in examples/perfkit-lab/target: run the tests with"
                        + " ./mvnw -pl examples/perfkit-lab -am verify, which packages perfkit-handlers first"));
  }

  /**
   * {@code XDG_CACHE_HOME} of the tests: under target/, so that a clean build installs dynalite
   * afresh.
   */
  public static Path xdgCacheHome() {
    return handlersJar().getParent().resolve("xdg-cache");
  }

  /** Where the tests install dynalite: LocalLab's default under {@link #xdgCacheHome()}. */
  public static Path cacheDirectory() {
    return xdgCacheHome().resolve("perfkit");
  }

  /**
   * {@code username}'s lab at the smallest scale (starting it costs JVMs), from the tests' handlers
   * jar and dynalite install.
   */
  public static LocalLab.Builder smallLab(String username) {
    return LocalLab.builder(LabStack.forUser(username, ColdStartMode.PROVISIONED))
        .scale(new LabScale(0.1))
        .handlersJar(handlersJar())
        .cacheDirectory(cacheDirectory());
  }

  /** An SDK Lambda client of a local Invoke API, with placeholder credentials. */
  public static LambdaClient lambdaClient(URI endpoint) {
    return LambdaClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }
}
