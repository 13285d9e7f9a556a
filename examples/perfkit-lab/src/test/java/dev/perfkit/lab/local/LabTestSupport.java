package dev.perfkit.lab.local;

import java.nio.file.Path;

/** Shared helpers of the local lab's tests and of the CLI tests that start it. */
public final class LabTestSupport {

  private LabTestSupport() {}

  /** The handlers' Lambda jar the build copies into target/ before the tests. */
  public static Path handlersJar() {
    return LocalLab.findHandlersJar()
        .orElseThrow(() -> new IllegalStateException(
            "perfkit-handlers' Lambda jar is not in examples/perfkit-lab/target: run the tests with"
                + " ./mvnw -pl examples/perfkit-lab -am verify, which packages perfkit-handlers first"));
  }

  /**
   * {@code XDG_CACHE_HOME} of the tests: under target/, so that a clean build installs dynalite
   * afresh.
   */
  public static Path xdgCacheHome() {
    return handlersJar().getParent().resolve("xdg-cache");
  }

  /** Where the tests install dynalite: LocalLab's default under {@link #xdgCacheHome()}. */
  public static Path cacheDirectory() {
    return xdgCacheHome().resolve("perfkit");
  }
}
