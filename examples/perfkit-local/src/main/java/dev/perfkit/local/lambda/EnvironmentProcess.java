package dev.perfkit.local.lambda;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The JVM of one execution environment: its command line and the environment variables Lambda sets,
 * its start with output into the log stream, and its end.
 */
final class EnvironmentProcess {

  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());

  /** SIGKILL (9) in a Linux signal mask. */
  private static final long SIGKILL_BIT = 1L << 8;

  private final Host host;
  private final FunctionConfig config;
  private final String version;
  private final String initializationType;
  private final LogStream log;
  private Process process;
  private volatile boolean destroyed;

  EnvironmentProcess(
      Host host, FunctionConfig config, String version, String initializationType, LogStream log) {
    this.host = host;
    this.config = config;
    this.version = version;
    this.initializationType = initializationType;
    this.log = log;
  }

  /** Starts the JVM, pointed at the Runtime API on {@code runtimeApiPort}; runs {@code onExit}. */
  void start(int runtimeApiPort, Runnable onExit) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command());
    builder.directory(host.taskRoot().toFile());
    builder.environment().clear();
    builder.environment().putAll(environmentVariables(runtimeApiPort));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.file.toFile()));
    process = builder.start();
    var unused =
        process
            .onExit()
            .thenRunAsync(
                () -> {
                  if (!destroyed) {
                    LOG.log(
                        Level.WARNING,
                        "The environment JVM {0} of {1}:{2} ended by itself ({3}); the next"
                            + " invocation goes to another environment",
                        Long.toString(pid()),
                        config.name(),
                        version,
                        exitDescription());
                  }
                  onExit.run();
                },
                host.executor());
  }

  long pid() {
    Process started = process;
    return started == null ? -1 : started.pid();
  }

  /**
   * Whether the JVM was started and has not ended. A JVM killed from outside (kill -9) takes a few
   * milliseconds to end, and the JDK reports its exit after that; Linux tells at once, in its
   * status: the state, and a pending SIGKILL.
   */
  boolean isAlive() {
    Process started = process;
    if (started == null || !started.isAlive()) {
      return false;
    }
    Path status = Path.of("/proc", Long.toString(started.pid()), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("State:") && (line.contains("Z") || line.contains("X"))) {
          return false;
        }
        if ((line.startsWith("SigPnd:") || line.startsWith("ShdPnd:"))
            && (Long.parseLong(line.substring(7).strip(), 16) & SIGKILL_BIT) != 0) {
          return false;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux, or the process went between the two looks: the JDK's answer stands.
      return started.isAlive();
    }
    return true;
  }

  /** How the JVM ended, as Lambda words it: {@code exit status 1}, {@code signal: killed}. */
  String exitDescription() {
    int exitCode = process.exitValue();
    return exitCode > 128 ? "signal: " + signalName(exitCode - 128) : "exit status " + exitCode;
  }

  /** Kills the JVM and whatever it started. */
  void destroy() {
    Process started = process;
    if (started == null) {
      return;
    }
    destroyed = true;
    try {
      started.getOutputStream().close();
    } catch (IOException e) {
      // Closing our end of the watchdog pipe is a courtesy; the kill below does the job.
    }
    started.descendants().forEach(ProcessHandle::destroyForcibly);
    started.destroyForcibly();
  }

  /** Waits, bounded, for the JVM to be gone. */
  boolean awaitExit(long millis) throws InterruptedException {
    Process started = process;
    return started == null || started.waitFor(millis, TimeUnit.MILLISECONDS);
  }

  /** Peak resident memory of the JVM, where the OS tells it (Linux). */
  OptionalLong maxMemoryUsedMb() {
    Path status = Path.of("/proc", Long.toString(pid()), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmHWM:")) {
          long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return OptionalLong.of(kilobytes / 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  private List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(host.java().toString());
    command.addAll(host.jvmOptions());
    command.add(
        "-Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI="
            + host.nativeClient());
    // The heap gets most of the memory size; metaspace, threads and code need the rest.
    command.add("-Xmx" + Math.max(64, config.memoryMb() * 85 / 100) + "m");
    command.add("-cp");
    command.add(host.runtimeClasspath().forFunction(config.code()));
    command.add(EnvironmentLauncher.class.getName());
    command.add(config.handler());
    return command;
  }

  private Map<String, String> environmentVariables(int runtimeApiPort) {
    Map<String, String> variables = new HashMap<>();
    variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    variables.put("LANG", "en_US.UTF-8");
    variables.put("TZ", ":UTC");
    variables.put("LAMBDA_TASK_ROOT", host.taskRoot().toString());
    variables.put("_HANDLER", config.handler());
    variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + config.runtime());
    variables.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApiPort);
    variables.put("AWS_LAMBDA_FUNCTION_NAME", config.name());
    variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
    variables.put("AWS_LAMBDA_FUNCTION_VERSION", version);
    variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
    variables.put("AWS_REGION", host.region());
    variables.put("AWS_DEFAULT_REGION", host.region());
    variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.name());
    variables.put("AWS_LAMBDA_LOG_STREAM_NAME", log.name);
    // Placeholder credentials, so SDK clients in the function work against local endpoints.
    variables.put("AWS_ACCESS_KEY_ID", "perfkit-local");
    variables.put("AWS_SECRET_ACCESS_KEY", "perfkit-local");
    variables.put("AWS_SESSION_TOKEN", "perfkit-local");
    variables.putAll(config.environment());
    return variables;
  }

  private static String signalName(int signal) {
    return switch (signal) {
      case 6 -> "aborted";
      case 9 -> "killed";
      case 11 -> "segmentation fault";
      case 15 -> "terminated";
      default -> "signal " + signal;
    };
  }
}
