package dev.perfkit.lab.cli;

import static dev.perfkit.lab.cli.ServeInstructions.line;
import static dev.perfkit.lab.cli.ServeInstructions.quote;

import dev.perfkit.handlers.PerformanceFunction;
import dev.perfkit.lab.local.LabServices;
import dev.perfkit.lab.stack.LabStack;
import java.nio.file.Path;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What {@code perfkit-lab serve --no-functions} prints once the services are up: their endpoints,
 * the variables that point the AWS CLI at them, and the lab's CLI steps to run.
 */
final class ServicesInstructions {

  /** The lab's CLI steps, from the repository's root. */
  static final String SCRIPT = "examples/perfkit-lab/lab-cli-steps.sh";

  private ServicesInstructions() {}

  static String render(LabServices services, LabStack stack, Optional<Path> handlersJar) {
    StringBuilder text = new StringBuilder();
    for (String note : services.notes()) {
      line(text, "note: " + note);
    }
    line(text, "");
    line(
        text,
        "Lambda (API)         "
            + services.lambda().endpoint()
            + "  (no functions: the lab's CLI steps create them)");
    line(text, "  logs, one file per execution environment: " + services.lambda().logDirectory());
    line(text, "SQS                  " + services.sqs().endpoint());
    Optional<String> dynamo = services.dynamoEndpoint().map(Object::toString);
    line(
        text,
        "DynamoDB (dynalite)  "
            + dynamo
                .map(endpoint -> endpoint + "  table " + stack.table().name())
                .orElse("not running: database_batch answers 500"));
    line(text, "/uuid service        " + services.externalUrl());
    services
        .cloudWatch()
        .ifPresent(
            cloudWatch ->
                line(
                    text,
                    "CloudWatch           "
                        + cloudWatch.endpoint()
                        + "  ("
                        + ServeInstructions.CLOUDWATCH_ENDPOINT_VARIABLE
                        + "="
                        + cloudWatch.endpoint()
                        + ")"));

    line(text, "");
    line(text, "Point the AWS CLI (v1 or v2) and the SDKs at these services; any credentials do:");
    line(
        text,
        "  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local"
            + " AWS_DEFAULT_REGION="
            + services.sqs().region()
            + " AWS_ENDPOINT_URL_LAMBDA="
            + services.lambda().endpoint()
            + " AWS_ENDPOINT_URL_SQS="
            + services.sqs().endpoint());
    line(
        text,
        "  (AWS CLI v1 ignores AWS_ENDPOINT_URL_SQS: give aws sqs --endpoint-url "
            + services.sqs().endpoint()
            + ")");
    line(text, "The functions' table and local endpoints, for the lab's CLI steps:");
    StringJoiner variables = new StringJoiner(" ", "  export ", "");
    variables.add("LAB_USER=" + quote(stack.username()));
    variables.add("PERFKIT_EXTERNAL_URL=" + services.externalUrl());
    dynamo.ifPresent(
        endpoint -> {
          variables.add(PerformanceFunction.TABLE_NAME_VARIABLE + "=" + stack.table().name());
          variables.add("AWS_ENDPOINT_URL_DYNAMODB=" + endpoint);
        });
    line(text, variables.toString());
    line(
        text,
        "Then the lab's Tasks 1, 2 and 5, command by command (each correction to the lab"
            + " is commented in the script):");
    line(
        text,
        "  bash "
            + SCRIPT
            + " "
            + handlersJar
                .map(jar -> quote(jar.toString()))
                .orElse("<perfkit-handlers' Lambda jar>"));
    line(text, "");
    return text.toString();
  }
}
