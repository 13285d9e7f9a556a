package dev.perfkit.lab.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.core.load.LoadGenerator;
import dev.perfkit.core.load.LoadReport;
import dev.perfkit.core.load.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Invokes the function itself with perfkit's {@link LoadGenerator}, each invocation with {@code
 * LogType: Tail}, and reads the function's own Duration, Billed Duration and Init Duration from the
 * REPORT line of the log tail: no client round trip in the figures.
 */
final class DirectDriver implements Driver {

  private final LambdaClient lambda;
  private final String function;
  private final SdkBytes payload;
  private final long invocations;
  private final int concurrency;
  private final ObjectMapper mapper = new ObjectMapper();

  DirectDriver(
      LambdaClient lambda, String function, String payload, long invocations, int concurrency) {
    this.lambda = lambda;
    this.function = function;
    this.payload = SdkBytes.fromUtf8String(payload);
    this.invocations = invocations;
    this.concurrency = concurrency;
  }

  @Override
  public String durationSource() {
    return "the function's REPORT lines (Duration; cost from Billed Duration)";
  }

  @Override
  public SizeResult measure(int memoryMb, TuningListener listener) {
    Tally tally = new Tally(memoryMb);
    LoadReport run =
        LoadGenerator.builder()
            .totalRequests(invocations)
            .concurrency(concurrency)
            .progress(
                Math.max(1, invocations / 50),
                progress ->
                    listener.progress(memoryMb, progress.completed(), progress.totalRequests()))
            .build()
            .run(tally::invoke);
    String firstError = run.errors().isEmpty() ? null : run.errors().get(0).error();
    return tally.result(run.failedRequests(), run.throttledRequests(), firstError);
  }

  /** The figures of the invocations at one size; invoked from the generator's threads. */
  private final class Tally {
    private final int memoryMb;
    private final Histogram durationsMicros = new Histogram(3);
    private long billedMsSum;
    private long coldStarts;

    Tally(int memoryMb) {
      this.memoryMb = memoryMb;
    }

    Outcome invoke(long requestId) {
      InvokeResponse response;
      try {
        response =
            lambda.invoke(
                InvokeRequest.builder()
                    .functionName(function)
                    .invocationType(InvocationType.REQUEST_RESPONSE)
                    .logType(LogType.TAIL)
                    .payload(payload)
                    .overrideConfiguration(o -> o.addPlugin(InvokeDetails.NO_RETRIES))
                    .build());
      } catch (SdkServiceException e) {
        return e.isThrottlingException()
            ? Outcome.throttled()
            : Outcome.failure(InvokeDetails.describe(e));
      } catch (SdkException e) {
        return Outcome.failure(InvokeDetails.describe(e));
      }
      Optional<ReportLine> report =
          Optional.ofNullable(response.logResult())
              .map(log -> new String(Base64.getDecoder().decode(log), StandardCharsets.UTF_8))
              .flatMap(ReportLine::lastIn);
      if (report.filter(ReportLine::coldStart).isPresent()) {
        synchronized (this) {
          coldStarts++;
        }
      }
      JsonNode answer = InvokeDetails.json(response.payload(), mapper);
      if (response.functionError() != null) {
        return Outcome.failure(
            "function error ("
                + response.functionError()
                + "): "
                + InvokeDetails.detail(answer, "errorType", "errorMessage"));
      }
      JsonNode status = answer == null ? null : answer.get("statusCode");
      if (status != null && status.canConvertToInt() && status.asInt() == 429) {
        return Outcome.throttled();
      }
      if (status != null && status.canConvertToInt() && status.asInt() >= 400) {
        return Outcome.failure("the function answered statusCode " + status.asInt());
      }
      if (report.isEmpty()) {
        return Outcome.failure("no REPORT line in the log tail of the answer (X-Amz-Log-Result)");
      }
      ReportLine line = report.get();
      if (line.memoryMb() != memoryMb) {
        return Outcome.failure(
            "the invocation ran with " + line.memoryMb() + " MB, not " + memoryMb + " MB");
      }
      synchronized (this) {
        durationsMicros.recordValue(Math.round(line.durationMs() * 1000));
        billedMsSum += line.billedMs();
      }
      return Outcome.success();
    }

    synchronized SizeResult result(long failed, long throttled, String firstError) {
      return SizeResult.of(
          memoryMb, durationsMicros, billedMsSum, failed, throttled, coldStarts, firstError);
    }
  }
}
