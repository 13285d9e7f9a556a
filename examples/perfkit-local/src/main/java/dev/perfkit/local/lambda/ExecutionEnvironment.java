package dev.perfkit.local.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One execution environment: a JVM running the runtime interface client, the Runtime API it
 * polls, and its log stream (a file both the JVM and this class append to). One invocation at a
 * time; the function timeout and the init timeout are enforced by stopping the JVM.
 */
final class ExecutionEnvironment {

  /** Told when an environment can take an invocation, and when it is gone. */
  interface Owner {
    void onIdle(ExecutionEnvironment environment);

    void onTerminated(ExecutionEnvironment environment);
  }

  static final String ON_DEMAND = "on-demand";
  static final String PROVISIONED = "provisioned-concurrency";
  static final int MAX_RESPONSE_BYTES = 6 * 1024 * 1024;
  private static final int LOG_TAIL_BYTES = 4 * 1024;
  private static final String RUNTIME_PREFIX = "/2018-06-01/runtime/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter STREAM_DATE =
      DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

  private enum State {
    STARTING,
    IDLE,
    BUSY,
    DEAD
  }

  final FunctionConfig config;
  final String version;
  final String initializationType;
  final int generation;
  final String alias;
  final String logStreamName;
  private final Host host;
  private final Owner owner;
  private final Path logFile;
  private final BlockingQueue<Invocation> delivery = new LinkedBlockingQueue<>(1);
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private State state = State.STARTING;
  private Invocation current;
  private long currentLogStart;
  private long currentDeliveredNanos;
  private boolean coldStartReported;
  private long startNanos;
  private double initDurationMs;
  private byte[] initError;
  private ScheduledFuture<?> pendingTimeout;
  private HttpServer runtimeApi;
  private Process process;
  private OutputStream parentLog;

  ExecutionEnvironment(
      Host host,
      Owner owner,
      FunctionConfig config,
      String version,
      String initializationType,
      int generation,
      String alias) {
    this.host = host;
    this.owner = owner;
    this.config = config;
    this.version = version;
    this.initializationType = initializationType;
    this.generation = generation;
    this.alias = alias;
    String id = HexFormat.of().formatHex(randomBytes(16));
    this.logStreamName =
        STREAM_DATE.format(host.clock().instant()) + "/[" + version + "]" + id;
    this.logFile =
        host.logDirectory()
            .resolve(config.name())
            .resolve(logStreamName.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
  }

  /** Completes when the runtime first asks for an invocation; fails if the JVM never does. */
  CompletableFuture<Void> ready() {
    return ready;
  }

  long pid() {
    Process started = process;
    return started == null ? -1 : started.pid();
  }

  /**
   * Hands an invocation to this environment; false when it is busy or gone. An environment that
   * is still starting takes the invocation that started it.
   */
  synchronized boolean assign(Invocation invocation) {
    if (current != null || state == State.DEAD || state == State.BUSY) {
      return false;
    }
    current = invocation;
    currentLogStart = logSize();
    currentDeliveredNanos = 0;
    if (state == State.IDLE) {
      state = State.BUSY;
    }
    delivery.add(invocation);
    return true;
  }

  /** Starts the Runtime API and the JVM. */
  void start() throws IOException {
    Files.createDirectories(logFile.getParent());
    Files.createFile(logFile);
    parentLog = new FileOutputStream(logFile.toFile(), true);
    runtimeApi = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    runtimeApi.setExecutor(host.executor());
    runtimeApi.createContext(RUNTIME_PREFIX, this::handleRuntimeApi);
    runtimeApi.start();

    ProcessBuilder builder = new ProcessBuilder(command());
    builder.directory(host.taskRoot().toFile());
    builder.environment().clear();
    builder.environment().putAll(environmentVariables());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    synchronized (this) {
      startNanos = System.nanoTime();
      process = builder.start();
      pendingTimeout =
          host.timer()
              .schedule(
                  this::initTimedOut, host.initTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
    process.onExit().thenRunAsync(this::exited, host.executor());
  }

  /** Stops the environment; an invocation in flight fails as a runtime exit. */
  void stop() {
    terminate(
        invocation ->
            failure(
                invocation,
                "Runtime.ExitError",
                "RequestId: "
                    + invocation.requestId
                    + " Error: Runtime exited: the local Lambda stopped the environment",
                "Status: error\tError Type: Runtime.ExitError"));
  }

  /** Waits, bounded, for the JVM to be gone. */
  boolean awaitExit(long millis) throws InterruptedException {
    Process started = process;
    return started == null || started.waitFor(millis, TimeUnit.MILLISECONDS);
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

  private Map<String, String> environmentVariables() {
    Map<String, String> variables = new HashMap<>();
    variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    variables.put("LANG", "en_US.UTF-8");
    variables.put("TZ", ":UTC");
    variables.put("LAMBDA_TASK_ROOT", host.taskRoot().toString());
    variables.put("_HANDLER", config.handler());
    variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
    variables.put(
        "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + runtimeApi.getAddress().getPort());
    variables.put("AWS_LAMBDA_FUNCTION_NAME", config.name());
    variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
    variables.put("AWS_LAMBDA_FUNCTION_VERSION", version);
    variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
    variables.put("AWS_REGION", host.region());
    variables.put("AWS_DEFAULT_REGION", host.region());
    variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.name());
    variables.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
    // Placeholder credentials, so SDK clients in the function work against local endpoints.
    variables.put("AWS_ACCESS_KEY_ID", "perfkit-local");
    variables.put("AWS_SECRET_ACCESS_KEY", "perfkit-local");
    variables.put("AWS_SESSION_TOKEN", "perfkit-local");
    variables.putAll(config.environment());
    return variables;
  }

  private void handleRuntimeApi(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().substring(RUNTIME_PREFIX.length());
      String method = exchange.getRequestMethod();
      if ("GET".equals(method) && "invocation/next".equals(path)) {
        next(exchange);
      } else if ("POST".equals(method) && "init/error".equals(path)) {
        initError = exchange.getRequestBody().readAllBytes();
        reply(exchange, 202, "{\"status\":\"OK\"}");
      } else if ("POST".equals(method)
          && path.startsWith("invocation/")
          && (path.endsWith("/response") || path.endsWith("/error"))) {
        String requestId = path.substring("invocation/".length(), path.lastIndexOf('/'));
        byte[] body = exchange.getRequestBody().readAllBytes();
        boolean error = path.endsWith("/error");
        if (finish(requestId, body, error)) {
          reply(exchange, 202, "{\"status\":\"OK\"}");
        } else {
          reply(
              exchange,
              400,
              "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        }
      } else {
        reply(exchange, 404, "{\"errorMessage\":\"Unknown Runtime API path\"}");
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    boolean becameIdle = false;
    synchronized (this) {
      if (!ready.isDone()) {
        initDurationMs = (System.nanoTime() - startNanos) / 1e6;
        cancelPendingTimeout();
        if (current == null && state == State.STARTING) {
          state = State.IDLE;
          becameIdle = true;
        } else if (state == State.STARTING) {
          state = State.BUSY;
        }
      }
    }
    // Idle first: whoever waits on ready() (e.g. provisioning) must find this environment in
    // the idle list when it wakes up, or the next invocation cold-starts another one.
    if (becameIdle) {
      owner.onIdle(this);
    }
    ready.complete(null);
    Invocation invocation = null;
    try {
      while (invocation == null && isAlive()) {
        invocation = delivery.poll(200, TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (invocation == null || !deliver(invocation)) {
      reply(exchange, 410, "{\"errorMessage\":\"The environment is shutting down\"}");
      return;
    }
    long deadline = host.clock().millis() + config.timeout().toMillis();
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId);
    exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
    exchange
        .getResponseHeaders()
        .add("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn);
    // RIC 2.10.1's native client crashes when this header is missing.
    exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", invocation.traceId);
    invocation.clientContext.ifPresent(
        context -> exchange.getResponseHeaders().add("Lambda-Runtime-Client-Context", context));
    try {
      exchange.sendResponseHeaders(200, invocation.payload.length);
      exchange.getResponseBody().write(invocation.payload);
    } catch (IOException e) {
      // The runtime went away between asking and receiving; its exit is reported by exited().
      process.destroyForcibly();
    }
  }

  private synchronized boolean deliver(Invocation invocation) {
    if (current != invocation || state == State.DEAD) {
      return false;
    }
    state = State.BUSY;
    currentDeliveredNanos = System.nanoTime();
    appendLog("START RequestId: " + invocation.requestId + " Version: " + version + "\n");
    pendingTimeout =
        host.timer()
            .schedule(
                () -> timedOut(invocation),
                config.timeout().toMillis(),
                TimeUnit.MILLISECONDS);
    return true;
  }

  private boolean finish(String requestId, byte[] body, boolean error) {
    Invocation invocation;
    Invocation.Outcome outcome;
    synchronized (this) {
      if (current == null || state != State.BUSY || !current.requestId.equals(requestId)) {
        return false;
      }
      cancelPendingTimeout();
      invocation = current;
      Optional<String> errorType = Optional.empty();
      byte[] payload = body;
      String status = "";
      if (error) {
        errorType = Optional.of(errorTypeOf(body, "Unhandled"));
      } else if (body.length > MAX_RESPONSE_BYTES) {
        errorType = Optional.of("Function.ResponseSizeTooLarge");
        payload =
            errorObject(
                "Function.ResponseSizeTooLarge",
                "Response payload size ("
                    + body.length
                    + " bytes) exceeded maximum allowed payload size (6291556 bytes).");
        status = "Status: error\tError Type: Function.ResponseSizeTooLarge";
      }
      appendLog("END RequestId: " + requestId + "\n" + report(invocation, status));
      outcome = new Invocation.Outcome(payload, errorType, logTail());
      current = null;
      state = State.IDLE;
    }
    owner.onIdle(this);
    invocation.complete(outcome);
    return true;
  }

  private void timedOut(Invocation invocation) {
    synchronized (this) {
      if (current != invocation || state != State.BUSY) {
        return;
      }
    }
    double seconds = config.timeout().toMillis() / 1000.0;
    String message =
        String.format(Locale.ROOT, "Task timed out after %.2f seconds", seconds);
    terminate(
        timedOut ->
            failure(
                timedOut,
                "Sandbox.Timedout",
                "RequestId: " + timedOut.requestId + " Error: " + message,
                "Status: timeout",
                Instant.now(host.clock()) + " " + timedOut.requestId + " " + message + "\n"));
  }

  private void initTimedOut() {
    synchronized (this) {
      if (ready.isDone() || state == State.DEAD) {
        return;
      }
    }
    String message =
        String.format(
            Locale.ROOT,
            "Init phase timed out after %.2f seconds",
            host.initTimeout().toMillis() / 1000.0);
    terminate(
        invocation ->
            failure(
                invocation,
                "Sandbox.Timedout",
                "RequestId: " + invocation.requestId + " Error: " + message,
                "Status: timeout",
                Instant.now(host.clock()) + " " + invocation.requestId + " " + message + "\n"));
  }

  private void exited() {
    int exitCode = process.exitValue();
    String description = exitCode > 128 ? "signal: " + signalName(exitCode - 128) : "exit status " + exitCode;
    byte[] reportedInitError = initError;
    terminate(
        invocation -> {
          if (reportedInitError != null) {
            String errorType = errorTypeOf(reportedInitError, "Runtime.ExitError");
            appendLog("END RequestId: " + invocation.requestId + "\n"
                + report(invocation, "Status: error\tError Type: " + errorType));
            return new Invocation.Outcome(reportedInitError, Optional.of(errorType), logTail());
          }
          return failure(
              invocation,
              "Runtime.ExitError",
              "RequestId: "
                  + invocation.requestId
                  + " Error: Runtime exited with error: "
                  + description,
              "Status: error\tError Type: Runtime.ExitError",
              "RequestId: "
                  + invocation.requestId
                  + " Error: Runtime exited with error: "
                  + description
                  + "\nRuntime.ExitError\n");
        });
  }

  private interface Failure {
    Invocation.Outcome outcomeFor(Invocation invocation);
  }

  private Invocation.Outcome failure(
      Invocation invocation, String errorType, String message, String status) {
    return failure(invocation, errorType, message, status, "");
  }

  private Invocation.Outcome failure(
      Invocation invocation, String errorType, String message, String status, String logLine) {
    appendLog(logLine + "END RequestId: " + invocation.requestId + "\n" + report(invocation, status));
    return new Invocation.Outcome(errorObject(errorType, message), Optional.of(errorType), logTail());
  }

  private void terminate(Failure failure) {
    Invocation invocation;
    Invocation.Outcome outcome = null;
    synchronized (this) {
      if (state == State.DEAD) {
        return;
      }
      state = State.DEAD;
      cancelPendingTimeout();
      invocation = current;
      current = null;
      if (invocation != null) {
        outcome = failure.outcomeFor(invocation);
      }
    }
    destroyProcessTree();
    ready.completeExceptionally(
        new IllegalStateException(
            "environment of " + config.name() + ":" + version + " stopped before it was ready"
                + (initError == null ? "" : ": " + new String(initError, StandardCharsets.UTF_8))));
    owner.onTerminated(this);
    if (invocation != null) {
      invocation.complete(outcome);
    }
    HttpServer server = runtimeApi;
    if (server != null) {
      // Synchronously: the server's dispatcher is not a daemon thread and would keep a JVM alive.
      server.stop(0);
    }
    closeParentLog();
  }

  private void destroyProcessTree() {
    Process started = process;
    if (started == null) {
      return;
    }
    try {
      started.getOutputStream().close();
    } catch (IOException e) {
      // Closing our end of the watchdog pipe is a courtesy; the kill below does the job.
    }
    started.descendants().forEach(ProcessHandle::destroyForcibly);
    started.destroyForcibly();
  }

  private synchronized boolean isAlive() {
    return state != State.DEAD;
  }

  private void cancelPendingTimeout() {
    if (pendingTimeout != null) {
      pendingTimeout.cancel(false);
      pendingTimeout = null;
    }
  }

  private String report(Invocation invocation, String status) {
    double durationMs =
        currentDeliveredNanos == 0 ? 0 : (System.nanoTime() - currentDeliveredNanos) / 1e6;
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            Locale.ROOT,
            "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\t",
            invocation.requestId,
            durationMs,
            (long) Math.ceil(durationMs),
            config.memoryMb()));
    maxMemoryUsedMb()
        .ifPresent(used -> report.append("Max Memory Used: ").append(used).append(" MB\t"));
    // Provisioned environments initialized ahead of time: their invocations never wait for it.
    if (!coldStartReported && initDurationMs > 0 && ON_DEMAND.equals(initializationType)) {
      report.append(String.format(Locale.ROOT, "Init Duration: %.2f ms\t", initDurationMs));
      coldStartReported = true;
    }
    if (!status.isEmpty()) {
      report.append(status);
    }
    return report.append('\n').toString();
  }

  /** Peak resident memory of the JVM, where the OS tells it (Linux). */
  private OptionalLong maxMemoryUsedMb() {
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

  private void appendLog(String text) {
    try {
      if (parentLog != null) {
        parentLog.write(text.getBytes(StandardCharsets.UTF_8));
        parentLog.flush();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write the log stream " + logFile, e);
    }
  }

  private void closeParentLog() {
    try {
      if (parentLog != null) {
        parentLog.close();
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot close the log stream " + logFile, e);
    }
  }

  private long logSize() {
    try {
      return Files.exists(logFile) ? Files.size(logFile) : 0;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the log stream " + logFile, e);
    }
  }

  /** The last 4 KB of the current invocation's log, from where it was assigned to now. */
  private byte[] logTail() {
    long end = logSize();
    long start = Math.max(currentLogStart, end - LOG_TAIL_BYTES);
    byte[] tail = new byte[(int) Math.max(0, end - start)];
    try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
      file.seek(start);
      file.readFully(tail);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the log stream " + logFile, e);
    }
    return tail;
  }

  static byte[] errorObject(String errorType, String message) {
    ObjectNode error = JSON.createObjectNode();
    error.put("errorType", errorType);
    error.put("errorMessage", message);
    try {
      return JSON.writeValueAsBytes(error);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write an error object", e);
    }
  }

  private static String errorTypeOf(byte[] errorObject, String fallback) {
    try {
      JsonNode type = JSON.readTree(errorObject).get("errorType");
      return type == null || type.asText().isEmpty() ? fallback : type.asText();
    } catch (IOException e) {
      return fallback;
    }
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

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }
}
