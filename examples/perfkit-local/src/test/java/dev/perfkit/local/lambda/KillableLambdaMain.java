package dev.perfkit.local.lambda;

import dev.perfkit.local.testing.SharedTestSupport;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JVM that runs a local Lambda with two environments, one provisioned and idle, one busy with a
 * ten-minute invocation; prints their PIDs and waits until its standard input closes. The test
 * kills it with SIGKILL.
 */
public final class KillableLambdaMain {

  private KillableLambdaMain() {}

  public static void main(String[] args) throws Exception {
    LocalLambda lambda = LocalLambda.builder().initTimeout(Duration.ofSeconds(60)).build();
    lambda.deploy(
        FunctionConfig.builder(
                "orphan-check",
                ProbeHandler.class.getName() + "::handleRequest",
                List.of(Path.of(args[0])))
            .timeout(Duration.ofSeconds(900))
            .alias("prod", 1)
            .build());
    lambda.invoke(InvokeRequest.of("orphan-check", "{}"));
    lambda.invoke(
        InvokeRequest.builder("orphan-check")
            .invocationType(InvocationType.EVENT)
            .payload("{\"print\":\"spinning\",\"spinMillis\":600000}")
            .build());
    if (!SharedTestSupport.eventually(
        Duration.ofSeconds(60), () -> TestSupport.logsContain(lambda.logDirectory(), "spinning"))) {
      throw new IllegalStateException("the busy invocation never started");
    }
    String pids =
        TestSupport.environmentJvms().stream()
            .map(process -> Long.toString(process.pid()))
            .collect(Collectors.joining(","));
    System.out.println("ENVIRONMENTS " + pids);
    System.out.flush();
    System.in.transferTo(OutputStream.nullOutputStream());
    lambda.close();
  }
}
