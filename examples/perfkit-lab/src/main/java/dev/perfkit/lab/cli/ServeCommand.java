package dev.perfkit.lab.cli;

import dev.perfkit.lab.deploy.DashboardBody;
import dev.perfkit.lab.local.LabScale;
import dev.perfkit.lab.local.LabServices;
import dev.perfkit.lab.local.LocalCloudWatchClient;
import dev.perfkit.lab.local.LocalLab;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.LabStack;
import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * {@code perfkit-lab serve}: the lab's stack on this machine until interrupted, with the commands
 * that reach it.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the lab's stack on this machine until interrupted (Ctrl-C): the local Lambda with the "
          + "three functions from the handlers' Lambda jar, the API stage with its cache, usage "
          + "plan and key, DynamoDB (dynalite, needs Node.js) with the table, SQS with the queue, "
          + "its dead-letter queue and the event source mapping, and CloudWatch fed by them "
          + "(metrics from the functions' EMF logs, AWS/Lambda, AWS/ApiGateway, AWS/SQS; "
          + "dashboards as pages).",
      "Prints the endpoints, and aws and curl commands that work against them."
    })
final class ServeCommand implements Callable<Integer> {

  /** The line that tells scripts and tests that everything is up. */
  static final String READY = "ready: serving until interrupted (Ctrl-C stops everything)";

  @Spec CommandSpec spec;

  @Mixin UsernameOption user;

  @Option(
      names = "--lambda-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "Port of the Lambda Invoke API on 127.0.0.1 (default: a free one).")
  int lambdaPort;

  @Option(
      names = "--api-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "Port of the API stage on 127.0.0.1 (default: a free one).")
  int apiPort;

  @Option(
      names = "--sqs-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "Port of the SQS endpoint on 127.0.0.1 (default: a free one).")
  int sqsPort;

  @Option(
      names = "--cloudwatch-port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "Port of the local CloudWatch on 127.0.0.1 (default: a free one).")
  int cloudWatchPort;

  @Option(
      names = "--scale",
      paramLabel = "FACTOR",
      description =
          "Multiplies the lab's reserved and provisioned concurrency and the SQS "
              + "mapping's maximum concurrency, above 0 to 1 (the lab's settings); every execution "
              + "environment is a JVM (default: processors / 10, at most 1).")
  Double scale;

  @Option(
      names = "--cold-start",
      paramLabel = "MODE",
      defaultValue = "provisioned",
      converter = TemplateCommand.ColdStartConverter.class,
      completionCandidates = TemplateCommand.ColdStartConverter.Names.class,
      description =
          "How the alias prod avoids cold starts: ${COMPLETION-CANDIDATES} "
              + "(default: ${DEFAULT-VALUE}); SnapStart is not emulated locally.")
  ColdStartMode coldStart;

  @Option(
      names = "--handlers-jar",
      paramLabel = "JAR",
      description =
          "perfkit-handlers' Lambda jar (default: the one beside perfkit-lab.jar, "
              + "else in perfkit-handlers/target).")
  Path handlersJar;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "The usage plan's API key, 20 to 128 characters (default: a random one).")
  String apiKey;

  @Option(
      names = "--no-dynamodb",
      negatable = false,
      description = "Do not start DynamoDB: database_batch answers 500.")
  boolean noDynamo;

  @Option(
      names = "--no-functions",
      negatable = false,
      description =
          "Start the services only (Lambda, SQS, DynamoDB, /uuid), without the stack's "
              + "functions, queues, API stage and mapping, and print how to create them with the lab's "
              + "CLI steps ("
              + ServicesInstructions.SCRIPT
              + ").")
  boolean noFunctions;

  @Option(
      names = "--log-dir",
      paramLabel = "DIR",
      description =
          "Keep the execution environments' logs (one file each) in DIR "
              + "(default: a temporary directory removed on exit).")
  Path logDirectory;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Keep the queues with their messages (ElasticMQ's H2 store) and DynamoDB's tables "
              + "(dynalite's LevelDB) in DIR across stops: the next serve delivers what the last "
              + "one had (default: $XDG_STATE_HOME/perfkit-lab/USER, else "
              + "~/.local/state/perfkit-lab/USER).")
  Path stateDirectory;

  @Option(
      names = "--clean",
      negatable = false,
      description = "Start clean: delete the queues, messages and tables the state directory kept.")
  boolean clean;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    LabStack stack = LabStack.forUser(user.username, coldStart);
    LocalLab.Builder builder =
        LocalLab.builder(stack)
            .lambdaPort(port("--lambda-port", lambdaPort))
            .apiPort(port("--api-port", apiPort))
            .sqsPort(port("--sqs-port", sqsPort))
            .dynamo(!noDynamo)
            .stateDirectory(
                stateDirectory != null ? stateDirectory : StateDirectory.of(user.username))
            .clean(clean)
            .progress(
                step -> {
                  out.println("  " + step);
                  out.flush();
                });
    if (scale != null) {
      try {
        builder.scale(new LabScale(scale));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--scale: " + e.getMessage(), e);
      }
    }
    if (handlersJar != null) {
      if (!Files.isRegularFile(handlersJar)) {
        throw new IllegalArgumentException("--handlers-jar " + handlersJar + ": no such file");
      }
      builder.handlersJar(handlersJar);
    }
    if (apiKey != null) {
      try {
        builder.apiKey(apiKey);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--api-key: " + e.getMessage(), e);
      }
    }
    if (logDirectory != null) {
      builder.workDirectory(logDirectory);
    }
    out.println(
        "perfkit-lab serve: starting the lab's "
            + (noFunctions ? "services" : "stack")
            + " for user "
            + user.username);
    out.flush();
    LocalCloudWatch.Builder cloudWatchBuilder =
        LocalCloudWatch.builder().port(port("--cloudwatch-port", cloudWatchPort));
    LocalCloudWatch cloudWatch;
    try {
      out.println("  starting the local CloudWatch");
      out.flush();
      cloudWatch = cloudWatchBuilder.build();
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .println(
              "perfkit-lab serve: cannot start: cannot bind the local"
                  + " CloudWatch to 127.0.0.1:"
                  + cloudWatchPort
                  + ": "
                  + e.getMessage());
      return 1;
    }
    builder.cloudWatch(cloudWatch);
    LabServices running;
    String instructions;
    try {
      if (noFunctions) {
        running = builder.startServices();
        instructions =
            ServicesInstructions.render(
                running, stack, Optional.ofNullable(handlersJar).or(LocalLab::findHandlersJar));
      } else {
        LocalLab lab = builder.start();
        running = lab;
        instructions = ServeInstructions.render(lab);
      }
    } catch (IllegalStateException | IOException e) {
      cloudWatch.close();
      spec.commandLine()
          .getErr()
          .println(
              "perfkit-lab serve: cannot start: "
                  + e.getMessage()
                  + (handlersJar == null && e.getMessage().contains("Lambda jar")
                      ? " (--handlers-jar)"
                      : ""));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("perfkit-lab serve: stopping");
                  out.flush();
                  try (cloudWatch) {
                    running.close();
                    out.println("perfkit-lab serve: stopped");
                    out.flush();
                  } finally {
                    stopped.countDown();
                  }
                },
                "perfkit-lab-serve-stop"));
    try (CloudWatchClient client = LocalCloudWatchClient.of(cloudWatch)) {
      // As the stack on AWS creates it (perfkit-lab template).
      client.putDashboard(
          request ->
              request
                  .dashboardName(stack.dashboardName())
                  .dashboardBody(DashboardBody.render(stack, running.sqs().region())));
    }
    out.print(instructions);
    out.println(READY);
    out.flush();
    stopped.await();
    return 0;
  }

  private static int port(String option, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(option + " must be 0 to 65535, was " + port);
    }
    return port;
  }
}
