package dev.perfkit.lab.local;

import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The AWS SDK's CloudWatch client of a local CloudWatch, as the lab's tasks call it. */
public final class LocalCloudWatchClient {

  private LocalCloudWatchClient() {}

  /**
   * A client of {@code cloudWatch}'s endpoint in us-east-1, with placeholder credentials (the local
   * CloudWatch does not authenticate); the caller closes it.
   *
   * @param cloudWatch the running local CloudWatch
   * @return a new client
   */
  public static CloudWatchClient of(LocalCloudWatch cloudWatch) {
    Objects.requireNonNull(cloudWatch, "cloudWatch");
    return CloudWatchClient.builder()
        .endpointOverride(cloudWatch.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .build();
  }
}
