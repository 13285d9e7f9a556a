package dev.perfkit.local.lambda;

import com.amazonaws.services.lambda.runtime.api.client.AWSLambda;
import java.io.IOException;
import java.io.InputStream;

/**
 * The main class of an environment JVM: runs the real runtime interface client, and halts the JVM
 * when its standard input closes. The local Lambda holds the other end of that pipe, so the
 * environment goes when the local Lambda stops it or its JVM dies, even by SIGKILL, and even while
 * a handler is busy.
 */
final class EnvironmentLauncher {

  private EnvironmentLauncher() {}

  public static void main(String[] args) throws Throwable {
    Thread watchdog = new Thread(EnvironmentLauncher::haltAtEndOfInput, "perfkit-parent-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    AWSLambda.main(args);
  }

  private static void haltAtEndOfInput() {
    InputStream in = System.in;
    byte[] buffer = new byte[256];
    try {
      while (in.read(buffer) != -1) {
        // The parent never writes; anything read is ignored.
      }
    } catch (IOException e) {
      // A broken pipe means the same as end of input: the parent is gone.
    }
    Runtime.getRuntime().halt(0);
  }
}
