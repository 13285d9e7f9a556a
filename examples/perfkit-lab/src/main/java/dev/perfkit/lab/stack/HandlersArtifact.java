package dev.perfkit.lab.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Where the build leaves the deployment artifact of perfkit-handlers, the code of the stack. */
public final class HandlersArtifact {

  /** The version of perfkit this was built as. */
  public static final String VERSION = readVersion();

  /**
   * The handlers' Lambda jar relative to the project root, as the build writes it; a template
   * written to the project root finds it there.
   */
  public static final String DEFAULT_PATH =
      "perfkit-handlers/target/perfkit-handlers-" + VERSION + "-lambda.jar";

  private HandlersArtifact() {}

  private static String readVersion() {
    try (InputStream in = HandlersArtifact.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        throw new IllegalStateException("build.properties missing beside HandlersArtifact");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("reading build.properties", e);
    }
  }
}
