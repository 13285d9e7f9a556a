package dev.perfkit.lab.cli;

import dev.perfkit.lab.deploy.SamTemplate;
import dev.perfkit.lab.stack.AccountConcurrency;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.HandlersArtifact;
import dev.perfkit.lab.stack.LabStack;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code perfkit-lab template}: the user's stack as an AWS SAM template. */
@Command(
    name = "template",
    mixinStandardHelpOptions = true,
    description = {
      "Write the lab's stack as an AWS SAM template: three functions, the REST API with its "
          + "cache, usage plan and key, the table, the queue with its dead-letter queue, the "
          + "event source mapping and the dashboard, every name prefixed by the username.",
      "Deploy it with sam deploy, or aws cloudformation package and deploy."
    })
final class TemplateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin UsernameOption user;

  @Option(
      names = "--cold-start",
      paramLabel = "MODE",
      defaultValue = "provisioned",
      converter = ColdStartConverter.class,
      completionCandidates = ColdStartConverter.Names.class,
      description =
          "How the alias prod avoids cold starts: ${COMPLETION-CANDIDATES} "
              + "(default: ${DEFAULT-VALUE}). SnapStart and provisioned concurrency cannot both "
              + "apply to one version.")
  ColdStartMode coldStart;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Write the template to FILE instead of standard output.")
  Path out;

  @Option(
      names = "--code-uri",
      paramLabel = "PATH",
      description =
          "The handlers' Lambda jar, relative to the current directory (written "
              + "relative to the template's directory), or an s3:// URI (default: ${DEFAULT-VALUE}).")
  String codeUri = HandlersArtifact.DEFAULT_PATH;

  @Option(
      names = "--provisioned-concurrency",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "Provisioned environments on prod with --cold-start provisioned "
              + "(default: ${DEFAULT-VALUE}).")
  int provisioned;

  @Option(
      names = "--performance-reserved",
      paramLabel = "N",
      defaultValue = "50",
      description = "Reserved concurrency of the performance function (default: ${DEFAULT-VALUE}).")
  int performanceReserved;

  @Option(
      names = "--sqs-reserved",
      paramLabel = "N",
      defaultValue = "100",
      description = "Reserved concurrency of the SQS function (default: ${DEFAULT-VALUE}).")
  int sqsReserved;

  @Option(
      names = "--sqs-max-concurrency",
      paramLabel = "N",
      description =
          "MaximumConcurrency of the SQS event source mapping, 2 to the SQS "
              + "function's reserved concurrency (default: that reserved concurrency).")
  Integer sqsMaximumConcurrency;

  @Option(
      names = "--account-concurrency",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "The account's concurrent executions in the region "
              + "(default: ${DEFAULT-VALUE}; see aws lambda get-account-settings).")
  int accountConcurrency;

  @Option(
      names = "--reserved-elsewhere",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Concurrency other functions of the account already reserve, e.g. other "
              + "users' stacks in a shared lab account (default: ${DEFAULT-VALUE}). Lambda keeps "
              + "100 executions unreserved.")
  int reservedElsewhere;

  @Override
  public Integer call() {
    LabStack.Builder builder =
        LabStack.builder(user.username)
            .coldStart(coldStart)
            .provisionedConcurrency(provisioned)
            .performanceReservedConcurrency(performanceReserved)
            .sqsScalerReservedConcurrency(sqsReserved)
            .account(new AccountConcurrency(accountConcurrency, reservedElsewhere));
    if (sqsMaximumConcurrency != null) {
      builder.sqsMaximumConcurrency(sqsMaximumConcurrency);
    }
    LabStack stack = builder.build();
    PrintWriter err = spec.commandLine().getErr();
    boolean local = !codeUri.contains("://");
    if (local && !Files.exists(Path.of(codeUri))) {
      err.println(
          "note: "
              + codeUri
              + " does not exist yet; build it with "
              + "./mvnw -B -pl perfkit-handlers -am package -DskipTests");
    }
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.print(SamTemplate.render(stack, codeUri));
      stdout.flush();
      return 0;
    }
    String templateCodeUri = local ? relativeToTemplate(codeUri, out) : codeUri;
    try {
      Files.writeString(out, SamTemplate.render(stack, templateCodeUri));
    } catch (IOException e) {
      err.println("perfkit-lab template: cannot write " + out + ": " + e);
      return 1;
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.println(
        "wrote "
            + out
            + " for username "
            + stack.username()
            + " (cold start "
            + coldStart.name().toLowerCase(Locale.ROOT)
            + ", code "
            + templateCodeUri
            + ")");
    stdout.println(
        "deploy: sam deploy --template-file "
            + out
            + " --stack-name "
            + stackName(stack.username())
            + " --capabilities CAPABILITY_IAM --resolve-s3");
    stdout.flush();
    return 0;
  }

  /** A stack name from the username: CloudFormation takes letters, digits and -, letter first. */
  static String stackName(String username) {
    String name = username.replace('_', '-') + "-perfkit-lab";
    return Character.isLetter(name.charAt(0)) ? name : "perfkit-" + name;
  }

  private static String relativeToTemplate(String codeUri, Path template) {
    Path templateDir = template.toAbsolutePath().getParent();
    return templateDir.relativize(Path.of(codeUri).toAbsolutePath()).toString().replace('\\', '/');
  }

  static final class ColdStartConverter implements CommandLine.ITypeConverter<ColdStartMode> {
    @Override
    public ColdStartMode convert(String value) {
      for (ColdStartMode mode : ColdStartMode.values()) {
        if (mode.name().equalsIgnoreCase(value)) {
          return mode;
        }
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not one of " + String.join(", ", new Names()));
    }

    static final class Names extends ArrayList<String> {
      Names() {
        super(List.of("provisioned", "snapstart", "none"));
      }
    }
  }
}
