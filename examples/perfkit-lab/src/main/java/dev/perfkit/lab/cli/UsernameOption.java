package dev.perfkit.lab.cli;

import picocli.CommandLine.Option;

/** The {@code --username} every perfkit-lab command takes: the prefix of every resource name. */
final class UsernameOption {

  @Option(
      names = "--username",
      paramLabel = "NAME",
      defaultValue = "local",
      description =
          "Prefix of every resource name, as the lab's user1, user2... "
              + "(default: ${DEFAULT-VALUE}).")
  String username;
}
