package dev.perfkit.lab.runner;

import static dev.perfkit.core.Preconditions.setOnce;
import static java.util.Objects.requireNonNullElse;
import static java.util.Objects.requireNonNullElseGet;

import dev.perfkit.core.time.Sleeper;
import dev.perfkit.core.time.Ticker;
import dev.perfkit.lab.local.LabScale;
import dev.perfkit.lab.local.LocalLab;
import dev.perfkit.lab.report.LabReport;
import dev.perfkit.lab.report.LabResults;
import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The whole lab, unattended, on one machine: starts a {@link LocalLab}, performs the lab's Tasks 1
 * to 7 against it, and writes the report ({@link LabReport}). Settings one machine cannot run as
 * the lab has them are scaled, and the run says which.
 *
 * <ol>
 *   <li>Task 1 and 4.1: each operation once through the API stage, with the API key.
 *   <li>Task 2: cold against warm invocations, provisioned against on-demand first invocations, and
 *       throttling at the reserved concurrency.
 *   <li>Task 3: the stage cache (hits against misses), the usage plan's throttle and quota.
 *   <li>Task 4.2: the load tester function against the alias, and the 512 MB against 2048 MB
 *       comparison with cpu_intensive (perfkit-lab tune's engine).
 *   <li>Task 5: messages, poison ones among them, through the queue and the event source mapping.
 *   <li>Task 6 and 7: the dashboard, put into the local CloudWatch the lab fed and drawn by it, and
 *       the analysis through GetMetricData beside the one from the functions' logs.
 * </ol>
 *
 * <p>A step that fails is reported (on the output and in {@link LabResults.Run#failures()}) and the
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

  private static final String LOGS = "logs";

  private final String username;
  private final int processors;
  private final Path outDirectory;
  private final Path handlersJar;
  private final Path cacheDirectory;
  private final Clock clock;
  private final Ticker ticker;
  private final Sleeper sleeper;
  private final RunPlan plan;
  private final Console console;
  private final Steps steps;

  private LabRunner(Builder builder) {
    this.username = builder.username;
    this.processors = Runtime.getRuntime().availableProcessors();
    this.outDirectory = requireNonNullElse(builder.outDirectory, Path.of("perfkit-report"));
    this.handlersJar = builder.handlersJar;
    this.cacheDirectory = builder.cacheDirectory;
    this.clock = requireNonNullElse(builder.clock, Clock.systemUTC());
    this.ticker = requireNonNullElse(builder.ticker, Ticker.system());
    this.sleeper = requireNonNullElse(builder.sleeper, Sleeper.system());
    String why =
        builder.scale != null
            ? "at --scale " + builder.scale.factor()
            : "on this " + processors + "-core machine";
    LabScale scale = requireNonNullElse(builder.scale, LabScale.forProcessors(processors));
    this.plan =
        new RunPlan(
            username,
            scale,
            why,
            builder.requestsOrDefault(),
            builder.messagesOrDefault(),
            builder.poisonMessagesOrDefault());
    this.console =
        new Console(
            requireNonNullElseGet(builder.out, () -> utf8Writer(System.out)),
            requireNonNullElseGet(builder.progress, () -> utf8Writer(System.err)),
            requireNonNullElseGet(builder.terminal, Terminal::attached),
            ticker);
    this.steps = new Steps(console);
  }

  /**
   * A runner for {@code username}'s stack with the lab's settings, scaled for this machine.
   *
   * @param username the prefix of every resource name
   * @return a new builder
   */
  public static Builder builder(String username) {
    return new Builder(Objects.requireNonNull(username, "username"));
  }

  /**
   * Runs the lab and writes the report; returns what it measured.
   *
   * @return what the run measured
   * @throws IOException when the local lab cannot start or the report cannot be written
   * @throws InterruptedException when interrupted; the lab is stopped
   */
  public LabResults run() throws IOException, InterruptedException {
    Instant startedAt = clock.instant();
    long start = ticker.read();
    console.task(
        "perfkit-lab run: the Performance and Scaling lab on this machine ("
            + processors
            + " processors), report in "
            + outDirectory);
    console.task("Settings changed from the lab's:");
    plan.scaling.forEach(console::line);

    Path out = outDirectory;
    Files.createDirectories(out);
    List<String> notes = new ArrayList<>();
    OnLabTasks.Measured measured;
    LabResults.Monitoring monitoring;
    try (WorkDirectory work = WorkDirectory.create();
        LocalCloudWatch cloudWatch = LocalCloudWatch.builder().clock(clock).build()) {
      console.task("Starting the local lab");
      console.line(
          "local CloudWatch on "
              + cloudWatch.endpoint()
              + " (AWS_ENDPOINT_URL_CLOUDWATCH="
              + cloudWatch.endpoint()
              + "), fed by the lab until the run ends");
      try (LocalLab lab = startLab(work.path(), cloudWatch)) {
        // The scaled settings are listed above, in the lab's terms.
        List<String> scaled = plan.scale.changes(plan.stack);
        lab.notes().stream()
            .filter(note -> !scaled.contains(note) && !note.startsWith("concurrency scaled to"))
            .forEach(notes::add);
        notes.forEach(note -> console.line("note: " + note));
        measured =
            OnLabTasks.measure(
                new RunContext(new Calls(lab, http(), ticker), console, plan, ticker, sleeper),
                steps);
        console.task("Stopping the local lab");
      }
      work.copy(LOGS, out.resolve(LOGS));
      monitoring =
          new MonitoringSteps(console, plan, cloudWatch, http(), steps)
              .tasks6And7(out, out.resolve(LOGS), startedAt, clock.instant());
    }

    double wallSeconds = (ticker.read() - start) / 1e9;
    LabResults results =
        new LabResults(
            new LabResults.Run(
                username,
                startedAt,
                wallSeconds,
                processors,
                plan.scale.factor(),
                plan.scaling,
                notes,
                steps.failures()),
            measured.operations(),
            measured.concurrency(),
            measured.api(),
            measured.load(),
            measured.sqs(),
            monitoring);
    Path index = LabReport.write(results, out);
    console.task("Summary");
    console.print(LabReport.summaryTable(results).indent(2));
    console.task(
        String.format(
            Locale.ROOT,
            "Report: %s (with results.json, %s, %s, %s and %s/)." + " Took %.0f s.",
            index,
            MonitoringSteps.DASHBOARD_FILE,
            MonitoringSteps.DASHBOARD_PAGE,
            MonitoringSteps.METRICS_FILE,
            LOGS,
            wallSeconds));
    List<String> failures = steps.failures();
    if (!failures.isEmpty()) {
      console.line(failures.size() + " step(s) failed: " + String.join("; ", failures));
    }
    return results;
  }

  private LocalLab startLab(Path workDirectory, LocalCloudWatch cloudWatch) throws IOException {
    LocalLab.Builder builder =
        LocalLab.builder(plan.stack)
            .scale(plan.scale)
            .workDirectory(workDirectory)
            .cloudWatch(cloudWatch)
            .progress(console::line);
    if (handlersJar != null) {
      builder.handlersJar(handlersJar);
    }
    if (cacheDirectory != null) {
      builder.cacheDirectory(cacheDirectory);
    }
    LocalLab lab = builder.start();
    // On SIGTERM or Ctrl-C the lab stops taking work and lets what runs finish, as serve's does;
    // after a normal end its close is a no-op.
    Runtime.getRuntime().addShutdownHook(new Thread(lab::close, "perfkit-lab-run-stop"));
    return lab;
  }

  private static HttpClient http() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Configures a {@link LabRunner}; each option may be set once. */
  public static final class Builder {
    private final String username;
    private Path outDirectory;
    private LabScale scale;
    private Integer requests;
    private Integer messages;
    private Integer poisonMessages;
    private Path handlersJar;
    private Path cacheDirectory;
    private PrintWriter out;
    private PrintWriter progress;
    private Boolean terminal;
    private Clock clock;
    private Ticker ticker;
    private Sleeper sleeper;

    private Builder(String username) {
      this.username = username;
    }

    /**
     * Where the report goes; default {@code perfkit-report}.
     *
     * @param outDirectory the report's directory
     * @return this builder
     */
    public Builder outDirectory(Path outDirectory) {
      this.outDirectory = setOnce("outDirectory", this.outDirectory, outDirectory);
      return this;
    }

    /**
     * The concurrency scale; default {@link LabScale#forProcessors} of this machine.
     *
     * @param scale the scale
     * @return this builder
     */
    public Builder scale(LabScale scale) {
      this.scale = setOnce("scale", this.scale, scale);
      return this;
    }

    /**
     * Requests of the load test, 1 to 100,000; default the lab's 100. The memory comparison sends
     * half as many at each size, as the lab does.
     *
     * @param requests the requests
     * @return this builder
     */
    public Builder requests(int requests) {
      if (requests < 1 || requests > 100_000) {
        throw new IllegalArgumentException("requests must be 1 to 100000, was " + requests);
      }
      this.requests = setOnce("requests", this.requests, requests);
      return this;
    }

    /**
     * Messages of the SQS test, 1 to 100,000; default the lab's 500.
     *
     * @param messages the messages
     * @return this builder
     */
    public Builder messages(int messages) {
      if (messages < 1 || messages > 100_000) {
        throw new IllegalArgumentException("messages must be 1 to 100000, was " + messages);
      }
      this.messages = setOnce("messages", this.messages, messages);
      return this;
    }

    /**
     * How many of the messages are poison (not JSON), 0 to the messages; default 5.
     *
     * @param poisonMessages the poison messages
     * @return this builder
     */
    public Builder poisonMessages(int poisonMessages) {
      if (poisonMessages < 0) {
        throw new IllegalArgumentException(
            "poisonMessages must be 0 or more, was " + poisonMessages);
      }
      this.poisonMessages = setOnce("poisonMessages", this.poisonMessages, poisonMessages);
      return this;
    }

    /**
     * The functions' code; default {@link LocalLab#findHandlersJar()}.
     *
     * @param handlersJar perfkit-handlers' Lambda jar
     * @return this builder
     */
    public Builder handlersJar(Path handlersJar) {
      this.handlersJar = setOnce("handlersJar", this.handlersJar, handlersJar);
      return this;
    }

    /**
     * Where dynalite is installed on first use; default {@link LocalLab}'s.
     *
     * @param cacheDirectory the directory
     * @return this builder
     */
    public Builder cacheDirectory(Path cacheDirectory) {
      this.cacheDirectory = setOnce("cacheDirectory", this.cacheDirectory, cacheDirectory);
      return this;
    }

    /**
     * Where the run says what it does and finds; default standard output.
     *
     * @param out the run's output
     * @return this builder
     */
    public Builder output(PrintWriter out) {
      this.out = setOnce("output", this.out, out);
      return this;
    }

    /**
     * Where progress bars go, and whether that is a terminal (bars redrawn in place) or not (a line
     * per quarter); default standard error, a terminal when this JVM has a console.
     *
     * @param progress told each step
     * @param terminal whether {@code progress} is a terminal
     * @return this builder
     */
    public Builder progress(PrintWriter progress, boolean terminal) {
      this.progress = setOnce("progress", this.progress, progress);
      this.terminal = terminal;
      return this;
    }

    /**
     * The clock of the report's start time; default UTC.
     *
     * @param clock the wall clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = setOnce("clock", this.clock, clock);
      return this;
    }

    /**
     * The time source of every duration, rate and deadline of the run; default the system's.
     *
     * @param ticker the time source
     * @return this builder
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = setOnce("ticker", this.ticker, ticker);
      return this;
    }

    /**
     * How the run waits between polls and paced requests; default the system's.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = setOnce("sleeper", this.sleeper, sleeper);
      return this;
    }

    /**
     * The runner.
     *
     * @return the configured instance
     * @throws IllegalArgumentException when there are more poison messages than messages
     */
    public LabRunner build() {
      if (poisonMessagesOrDefault() > messagesOrDefault()) {
        throw new IllegalArgumentException(
            "poisonMessages ("
                + poisonMessagesOrDefault()
                + ") must not exceed messages ("
                + messagesOrDefault()
                + ")");
      }
      return new LabRunner(this);
    }

    private int requestsOrDefault() {
      return requireNonNullElse(requests, LAB_REQUESTS);
    }

    private int messagesOrDefault() {
      return requireNonNullElse(messages, LAB_MESSAGES);
    }

    private int poisonMessagesOrDefault() {
      return requireNonNullElse(poisonMessages, 5);
    }
  }

  private static PrintWriter utf8Writer(OutputStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
