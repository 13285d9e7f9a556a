package dev.perfkit.lab.runner;

import dev.perfkit.lab.local.LocalLab;
import dev.perfkit.lab.report.LabResults;
import java.util.List;

/** Tasks 1 to 5 of the lab, against the running local lab, as steps that may fail alone. */
final class OnLabTasks {

  private OnLabTasks() {}

  /** What Tasks 1 to 5 measured on the running lab; null figures where a step failed. */
  record Measured(
      List<LabResults.Operation> operations,
      LabResults.Concurrency concurrency,
      LabResults.Api api,
      LabResults.Load load,
      LabResults.Sqs sqs) {}

  /** Runs Tasks 1 to 5, each a step of {@code steps}, against {@code run}'s lab. */
  static Measured measure(RunContext run, Steps steps) throws InterruptedException {
    LocalLab lab = run.lab();
    Console console = run.console();
    RunPlan plan = run.plan();
    ApiSteps api = new ApiSteps(run);
    ConcurrencySteps concurrency = new ConcurrencySteps(run);
    LoadSteps load = new LoadSteps(run);

    console.task(
        "Task 1 and 4.1: each operation through the API stage (POST "
            + lab.api().invokeUrl()
            + lab.stack().api().resourcePath()
            + ", x-api-key)");
    List<LabResults.Operation> operations = steps.run("Task 1 operations", api::operations);

    console.task("Task 2: cold and warm, provisioned and on-demand, reserved concurrency");
    LabResults.Concurrency task2 =
        new LabResults.Concurrency(
            steps.run("Task 2 cold starts", concurrency::coldStarts),
            steps.run("Task 2 reserved concurrency", concurrency::reservedThrottling));

    console.task("Task 3: API stage cache, throttling and quota");
    LabResults.Api task3 =
        new LabResults.Api(
            steps.run("Task 3 cache", api::cache),
            steps.run(
                "Task 3 throttling",
                () ->
                    api.throttling(
                        RunPlan.API_RATE,
                        RunPlan.API_BURST,
                        RunPlan.API_QUOTA,
                        lab.stack().api().usagePlan().quotaPeriod().name())));

    console.task("Task 4.2: load tests through " + lab.stack().loadTester().name());
    LabResults.LoadTest loadTest = steps.run("Task 4.2 load test", load::loadTest);
    LabResults.Load task4 =
        new LabResults.Load(loadTest, steps.run("Task 4.2 memory sizes", load::memory));

    console.task(
        "Task 5: "
            + plan.messages
            + " messages through "
            + lab.stack().queue().name()
            + " ("
            + plan.poisonMessages
            + " poison)");
    LabResults.Sqs sqs = steps.run("Task 5 SQS", new SqsStep(run)::sendAndDrain);
    return new Measured(operations == null ? List.of() : operations, task2, task3, task4, sqs);
  }
}
