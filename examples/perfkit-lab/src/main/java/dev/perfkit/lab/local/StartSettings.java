package dev.perfkit.lab.local;

import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link LocalLab.Builder}'s options with their defaults applied: what one start of the lab runs
 * with.
 *
 * @param stack the stack as the lab has it, before scaling
 * @param scale the concurrency scale
 * @param apiKey the usage plan's API key
 * @param dynamo whether to start DynamoDB
 * @param cacheDirectory where dynalite is installed
 * @param workDirectory where the local Lambda keeps its logs; empty for a temporary directory
 * @param stateDirectory where the queues and tables are kept across stops; empty for memory
 * @param clean whether to delete what the state directory kept before starting
 * @param ports the ports on 127.0.0.1, 0 for a free one
 * @param initTimeout how long an environment may take to initialise
 * @param cloudWatch the local CloudWatch the lab feeds; empty for none
 * @param progress told each step as it starts
 */
record StartSettings(
    LabStack stack,
    LabScale scale,
    String apiKey,
    boolean dynamo,
    Path cacheDirectory,
    Optional<Path> workDirectory,
    Optional<Path> stateDirectory,
    boolean clean,
    Ports ports,
    Duration initTimeout,
    Optional<LocalCloudWatch> cloudWatch,
    Consumer<String> progress) {

  /**
   * The ports of the lab's endpoints.
   *
   * @param lambda the Invoke API's
   * @param api the API stage's
   * @param sqs the SQS endpoint's
   */
  record Ports(int lambda, int api, int sqs) {}
}
