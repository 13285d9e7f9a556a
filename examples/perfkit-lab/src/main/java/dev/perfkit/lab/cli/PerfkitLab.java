package dev.perfkit.lab.cli;

import dev.perfkit.lab.stack.HandlersArtifact;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code perfkit-lab}: the lab's stack on one machine or on AWS. Run {@code java -jar
 * examples/perfkit-lab/target/perfkit-lab.jar --help}.
 */
@Command(
    name = "perfkit-lab",
    mixinStandardHelpOptions = true,
    versionProvider = PerfkitLab.Version.class,
    description = "The Performance and Scaling lab's stack, on one machine or on AWS.",
    subcommands = {
      TemplateCommand.class,
      ServeCommand.class,
      DashboardCommand.class,
      AnalyzeCommand.class,
      RunCommand.class,
      LoadCommand.class,
      SqsLoadCommand.class,
      TuneCommand.class,
      CommandLine.HelpCommand.class
    })
public final class PerfkitLab implements Runnable {

  /** Exit code of a command given bad input (a name or setting AWS would reject). */
  static final int BAD_INPUT = 2;

  @Spec CommandSpec spec;

  /** Runs the CLI and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The CLI, ready to {@link CommandLine#execute execute}: bad input (an invalid username or
   * combination of settings) is printed as its message, with exit code 2.
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new PerfkitLab());
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          if (e instanceof IllegalArgumentException) {
            cmd.getErr().println("perfkit-lab " + cmd.getCommandName() + ": " + e.getMessage());
            return BAD_INPUT;
          }
          throw e;
        });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"perfkit-lab " + HandlersArtifact.VERSION};
    }
  }
}
