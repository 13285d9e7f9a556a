package dev.perfkit.local.lambda;

import dev.perfkit.core.time.Ticker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** What every execution environment of one local Lambda shares. */
record Host(
    Path java,
    List<String> jvmOptions,
    RuntimeClasspath runtimeClasspath,
    Path nativeClient,
    Path taskRoot,
    Path logDirectory,
    String region,
    String accountId,
    Duration initTimeout,
    Clock clock,
    Ticker ticker,
    ScheduledExecutorService timer,
    ExecutorService executor) {

  String functionArn(String functionName) {
    return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
  }
}
