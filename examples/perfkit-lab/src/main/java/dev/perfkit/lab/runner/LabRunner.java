package dev.perfkit.lab.runner;

import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.lab.analysis.LambdaLogs;
import dev.perfkit.lab.analysis.LambdaPrices;
import dev.perfkit.lab.analysis.PerformanceReport;
import dev.perfkit.lab.deploy.DashboardBody;
import dev.perfkit.lab.local.LabScale;
import dev.perfkit.lab.local.LocalLab;
import dev.perfkit.lab.report.LabReport;
import dev.perfkit.lab.report.LabResults;
import dev.perfkit.lab.tune.TuningReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The whole lab, unattended, on one machine: starts a {@link LocalLab}, performs the lab's Tasks
 * 1 to 7 against it, and writes the report ({@link LabReport}). Settings one machine cannot run
 * as the lab has them are scaled, and the run says which.
 *
 * <ol>
 *   <li>Task 1 and 4.1: each operation once through the API stage, with the API key.
 *   <li>Task 2: cold against warm invocations, provisioned against on-demand first invocations,
 *       and throttling at the reserved concurrency.
 *   <li>Task 3: the stage cache (hits against misses), the usage plan's throttle and quota.
 *   <li>Task 4.2: the load tester function against the alias, and the 512 MB against 2048 MB
 *       comparison with cpu_intensive (perfkit-lab tune's engine).
 *   <li>Task 5: messages, poison ones among them, through the queue and the event source mapping.
 *   <li>Task 6 and 7: the dashboard's body, and the analysis from the functions' logs.
 * </ol>
 *
 * <p>A step that fails is reported (on the output and in {@link LabResults#failures()}) and the
 * run goes on with the next.
 *
 * <pre>{@code
 * LabResults results =
 *     LabRunner.builder("local").outDirectory(Path.of("perfkit-report")).build().run();
 * }</pre>
 */
public final class LabRunner {

  /** The lab's SQS test: 500 messages. */
  public static final int LAB_MESSAGES = 500;

  /** The lab's load test: 100 requests. */
  public static final int LAB_REQUESTS = 100;

  private static final String DASHBOARD_FILE = "dashboard.json";
  private static final String LOGS = "logs";

  private final Builder settings;
  private final RunPlan plan;
  private final Console console;
  private final List<String> failures = new ArrayList<>();

  private LabRunner(Builder settings) {
    this.settings = settings;
    int processors = settings.processors;
    String why = settings.scale != null
        ? "at --scale " + settings.scale.factor()
        : "on this " + processors + "-core machine";
    LabScale scale = settings.scale != null ? settings.scale : LabScale.forProcessors(processors);
    this.plan = new RunPlan(settings.username, scale, why, settings.requests, settings.messages,
        settings.poisonMessages);
    this.console = new Console(settings.out, settings.progress, settings.terminal, System::nanoTime);
  }

  /** A runner for {@code username}'s stack with the lab's settings, scaled for this machine. */
  public static Builder builder(String username) {
    return new Builder(Objects.requireNonNull(username, "username"));
  }

  /**
   * Runs the lab and writes the report; returns what it measured.
   *
   * @throws IOException when the local lab cannot start or the report cannot be written
   * @throws InterruptedException when interrupted; the lab is stopped
   */
  public LabResults run() throws IOException, InterruptedException {
    Instant startedAt = settings.clock.instant();
    long start = System.nanoTime();
    console.task("perfkit-lab run: the Performance and Scaling lab on this machine ("
        + settings.processors + " processors), report in " + settings.outDirectory);
    console.task("Settings changed from the lab's:");
    plan.scaling.forEach(console::line);

    Path out = settings.outDirectory;
    Files.createDirectories(out);
    Path work = Files.createTempDirectory("perfkit-lab-run-");
    List<String> notes = new ArrayList<>();
    Measured measured = new Measured();
    try {
      console.task("Starting the local lab");
      LocalLab.Builder builder = LocalLab.builder(plan.stack)
          .scale(plan.scale)
          .workDirectory(work)
          .progress(console::line);
      if (settings.handlersJar != null) {
        builder.handlersJar(settings.handlersJar);
      }
      if (settings.cacheDirectory != null) {
        builder.cacheDirectory(settings.cacheDirectory);
      }
      try (LocalLab lab = builder.start()) {
        // The scaled settings are listed above, in the lab's terms.
        List<String> scaled = plan.scale.changes(plan.stack);
        lab.notes().stream()
            .filter(note -> !scaled.contains(note) && !note.startsWith("concurrency scaled to"))
            .forEach(notes::add);
        notes.forEach(note -> console.line("note: " + note));
        measure(lab, measured);
        console.task("Stopping the local lab");
      }
      copyLogs(work.resolve(LOGS), out.resolve(LOGS));
    } finally {
      delete(work);
    }

    console.task("Task 6: the dashboard");
    String dashboard = step("Task 6 dashboard", () -> {
      Files.writeString(out.resolve(DASHBOARD_FILE),
          DashboardBody.render(plan.labStack, "us-east-1") + System.lineSeparator());
      console.line("wrote " + out.resolve(DASHBOARD_FILE) + " (aws cloudwatch put-dashboard"
          + " --dashboard-name " + plan.labStack.dashboardName() + " --dashboard-body file://"
          + out.resolve(DASHBOARD_FILE) + ")");
      return DASHBOARD_FILE;
    });
    console.task("Task 7: analysis from the functions' logs (perfkit-lab analyze --logs "
        + out.resolve(LOGS) + ")");
    PerformanceReport analysis = step("Task 7 analysis", () ->
        new LambdaLogs(LambdaPrices.X86_US_EAST_1).report(plan.stack, List.of(out.resolve(LOGS))));
    if (analysis != null) {
      console.print(analysis.toTable().indent(2));
    }

    double wallSeconds = (System.nanoTime() - start) / 1e9;
    LabResults results = new LabResults(
        settings.username, startedAt, wallSeconds, settings.processors, plan.scale.factor(),
        plan.scaling, notes, failures, measured.operations, measured.coldStarts,
        measured.lambdaThrottling, measured.apiCache, measured.apiThrottling, measured.loadTest,
        measured.memory, measured.sqs, dashboard,
        analysis == null ? null : Calls.parse(analysis.toJson()),
        analysis == null ? null : analysis.toTable());
    Path index = LabReport.write(results, out);
    console.task("Summary");
    console.print(LabReport.summaryTable(results).indent(2));
    console.task(String.format(Locale.ROOT, "Report: %s (with results.json, %s and %s/). Took"
        + " %.0f s.", index, DASHBOARD_FILE, LOGS, wallSeconds));
    if (!failures.isEmpty()) {
      console.line(failures.size() + " step(s) failed: " + String.join("; ", failures));
    }
    return results;
  }

  private void measure(LocalLab lab, Measured m) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    Calls calls = new Calls(lab, http, System::nanoTime);
    ApiSteps api = new ApiSteps(calls, console);
    ConcurrencySteps concurrency = new ConcurrencySteps(calls, console, plan);
    LoadSteps load = new LoadSteps(calls, console, plan);

    console.task("Task 1 and 4.1: each operation through the API stage (POST "
        + lab.api().invokeUrl() + lab.stack().api().resourcePath() + ", x-api-key)");
    List<LabResults.Operation> operations = step("Task 1 operations", api::operations);
    m.operations = operations == null ? List.of() : operations;

    console.task("Task 2: cold and warm, provisioned and on-demand, reserved concurrency");
    m.coldStarts = step("Task 2 cold starts", concurrency::coldStarts);
    m.lambdaThrottling = step("Task 2 reserved concurrency", concurrency::reservedThrottling);

    console.task("Task 3: API stage cache, throttling and quota");
    m.apiCache = step("Task 3 cache", api::cache);
    m.apiThrottling = step("Task 3 throttling", () -> api.throttling(RunPlan.API_RATE,
        RunPlan.API_BURST, RunPlan.API_QUOTA, lab.stack().api().usagePlan().quotaPeriod().name()));

    console.task("Task 4.2: load tests through " + lab.stack().loadTester().name());
    m.loadTest = step("Task 4.2 load test", load::loadTest);
    try (ClientRegistry clients = ClientRegistry.builder(localClients(lab))
        .responseTimeout(Duration.ofMinutes(15))
        .build()) {
      LambdaClient lambda = clients.client(LambdaClient.class);
      m.memory = step("Task 4.2 memory sizes", () -> load.memory(lambda));
    }

    console.task("Task 5: " + plan.messages + " messages through " + lab.stack().queue().name()
        + " (" + plan.poisonMessages + " poison)");
    m.sqs = step("Task 5 SQS", new SqsStep(lab, console, plan)::run);
  }

  /** The SDK clients' view of the local lab: its Lambda endpoint, placeholder credentials. */
  private static Environment localClients(LocalLab lab) {
    return Environment.of(Map.of(
        "AWS_REGION", "us-east-1",
        "AWS_ENDPOINT_URL_LAMBDA", lab.lambda().endpoint().toString(),
        "AWS_ACCESS_KEY_ID", "perfkit-local",
        "AWS_SECRET_ACCESS_KEY", "perfkit-local"));
  }

  /** Runs a step; a failure is reported and the run goes on. */
  private <T> T step(String name, Callable<T> body) throws InterruptedException {
    try {
      return body.call();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      String why = e.getMessage() != null ? e.getMessage() : e.toString();
      failures.add(name + " failed: " + why);
      console.line("FAILED: " + why);
      return null;
    }
  }

  private static void copyLogs(Path from, Path to) throws IOException {
    delete(to);
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void delete(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete " + path, e);
        }
      });
    }
  }

  /** What the steps measured; null where a step failed. */
  private static final class Measured {
    List<LabResults.Operation> operations = List.of();
    LabResults.ColdStarts coldStarts;
    LabResults.Throttling lambdaThrottling;
    LabResults.ApiCache apiCache;
    LabResults.Throttling apiThrottling;
    LabResults.LoadTest loadTest;
    TuningReport memory;
    LabResults.Sqs sqs;
  }

  /** Configures a {@link LabRunner}. */
  public static final class Builder {
    private final String username;
    private Path outDirectory = Path.of("perfkit-report");
    private LabScale scale;
    private int processors = Runtime.getRuntime().availableProcessors();
    private int requests = LAB_REQUESTS;
    private int messages = LAB_MESSAGES;
    private int poisonMessages = 5;
    private Path handlersJar;
    private Path cacheDirectory;
    private PrintWriter out = new PrintWriter(System.out, true);
    private PrintWriter progress = new PrintWriter(System.err, true);
    private boolean terminal = System.console() != null;
    private Clock clock = Clock.systemUTC();

    private Builder(String username) {
      this.username = username;
    }

    /** Where the report goes; default {@code perfkit-report}. */
    public Builder outDirectory(Path outDirectory) {
      this.outDirectory = Objects.requireNonNull(outDirectory, "outDirectory");
      return this;
    }

    /** The concurrency scale; default {@link LabScale#forProcessors} of this machine. */
    public Builder scale(LabScale scale) {
      this.scale = Objects.requireNonNull(scale, "scale");
      return this;
    }

    /**
     * Requests of the load test, 1 to 100,000; default the lab's 100. The memory comparison
     * sends half as many at each size, as the lab does.
     */
    public Builder requests(int requests) {
      if (requests < 1 || requests > 100_000) {
        throw new IllegalArgumentException("requests must be 1 to 100000, was " + requests);
      }
      this.requests = requests;
      return this;
    }

    /** Messages of the SQS test, 1 to 100,000; default the lab's 500. */
    public Builder messages(int messages) {
      if (messages < 1 || messages > 100_000) {
        throw new IllegalArgumentException("messages must be 1 to 100000, was " + messages);
      }
      this.messages = messages;
      return this;
    }

    /** How many of the messages are poison (not JSON), 0 to the messages; default 5. */
    public Builder poisonMessages(int poisonMessages) {
      if (poisonMessages < 0) {
        throw new IllegalArgumentException("poisonMessages must be 0 or more, was "
            + poisonMessages);
      }
      this.poisonMessages = poisonMessages;
      return this;
    }

    /** The functions' code; default {@link LocalLab#findHandlersJar()}. */
    public Builder handlersJar(Path handlersJar) {
      this.handlersJar = Objects.requireNonNull(handlersJar, "handlersJar");
      return this;
    }

    /** Where dynalite is installed on first use; default {@link LocalLab}'s. */
    public Builder cacheDirectory(Path cacheDirectory) {
      this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
      return this;
    }

    /** Where the run says what it does and finds; default standard output. */
    public Builder output(PrintWriter out) {
      this.out = Objects.requireNonNull(out, "out");
      return this;
    }

    /**
     * Where progress bars go, and whether that is a terminal (bars redrawn in place) or not
     * (a line per quarter); default standard error, a terminal when this JVM has a console.
     */
    public Builder progress(PrintWriter progress, boolean terminal) {
      this.progress = Objects.requireNonNull(progress, "progress");
      this.terminal = terminal;
      return this;
    }

    /** The clock of the report's start time; default UTC. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The runner.
     *
     * @throws IllegalArgumentException when there are more poison messages than messages
     */
    public LabRunner build() {
      if (poisonMessages > messages) {
        throw new IllegalArgumentException("poisonMessages (" + poisonMessages
            + ") must not exceed messages (" + messages + ")");
      }
      return new LabRunner(this);
    }
  }
}
