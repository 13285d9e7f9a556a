package dev.perfkit.lab.stack;

/**
 * How the performance function's {@code prod} alias avoids cold starts. SnapStart and provisioned
 * concurrency cannot both apply to one version, so the stack chooses one.
 */
public enum ColdStartMode {
  /** Provisioned concurrency on the alias: environments initialised ahead of time. */
  PROVISIONED,
  /** SnapStart on published versions: environments restored from a snapshot. */
  SNAPSTART,
  /** Neither: every new environment is a cold start. */
  NONE
}
