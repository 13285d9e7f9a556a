package dev.perfkit.lab.cli;

import picocli.CommandLine.Option;

/** The {@code --region} of commands that name AWS metrics: a region code, checked. */
final class RegionOption {

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "us-east-1",
      description = "AWS region, e.g. eu-west-1 (default: ${DEFAULT-VALUE}).")
  String region;

  /** The region code, or an exception naming the option when it is not one. */
  String region() {
    if (!region.matches("[a-z]{2,}(-[a-z]+)+-\\d+")) {
      throw new IllegalArgumentException(
          "--region '" + region + "': expected a region code such as us-east-1");
    }
    return region;
  }
}
