package dev.perfkit.local.lambda;

import static dev.perfkit.local.lambda.TestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.core.concurrent.DaemonThreadFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Invoke under load: 200 callers each invoking one function in a loop for 30 s, far more than its
 * reserved concurrency; half keep their connection open between requests (an SDK's pool), half open
 * a new one for each (a script's {@code Connection: close}). Lambda runs what its concurrency
 * allows and answers the rest 429 {@code TooManyRequestsException} (Invoke, API reference: Errors);
 * every request gets one of the two answers, none is reset or left unanswered.
 */
class InvokeLoadIT {

  private static final int CALLERS = 200;
  private static final Duration LOAD = Duration.ofSeconds(30);
  private static final int RESERVED = 4;

  /** A bound on each caller's requests, so the loop is bounded in count as well as in time. */
  private static final int REQUESTS_PER_CALLER = 20_000;

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  /** What came back, counted over all callers. */
  private static final class Tally {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong throttled = new AtomicLong();
    final AtomicLong otherStatus = new AtomicLong();
    final AtomicLong resets = new AtomicLong();
    final AtomicLong unanswered = new AtomicLong();

    void count(int status) {
      switch (status) {
        case 200 -> ok.incrementAndGet();
        case 429 -> throttled.incrementAndGet();
        default -> otherStatus.incrementAndGet();
      }
    }

    void failed(IOException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      (message.contains("reset") ? resets : unanswered).incrementAndGet();
    }

    @Override
    public String toString() {
      return String.format(
          "requests=%d 200=%d 429=%d other=%d resets=%d unanswered=%d",
          requests.get(),
          ok.get(),
          throttled.get(),
          otherStatus.get(),
          resets.get(),
          unanswered.get());
    }
  }

  /** One Invoke on a connection of its own, closed after the answer; returns the status. */
  private static int invokeOnNewConnection(URI endpoint) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(
          new InetSocketAddress(endpoint.getHost(), endpoint.getPort()),
          (int) REQUEST_TIMEOUT.toMillis());
      socket.setSoTimeout((int) REQUEST_TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /2015-03-31/functions/loaded/invocations HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] answer = socket.getInputStream().readAllBytes();
      String statusLine =
          new String(answer, 0, Math.min(answer.length, 12), StandardCharsets.US_ASCII);
      if (!statusLine.startsWith("HTTP/1.1 ")) {
        throw new IOException("no status line in " + answer.length + " bytes: " + statusLine);
      }
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  @Test
  void twoHundredCallersForThirtySeconds_areAnsweredOnly200Or429() throws Exception {
    ExecutorService callers =
        Executors.newFixedThreadPool(CALLERS, DaemonThreadFactory.named("invoke-load"));
    try (LocalLambda lambda =
        LocalLambda.builder().concurrencyLimit(100).initTimeout(Duration.ofSeconds(60)).build()) {
      lambda.deploy(probe("loaded").reservedConcurrency(RESERVED).build());
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(REQUEST_TIMEOUT)
              .build();
      HttpRequest invoke =
          HttpRequest.newBuilder(
                  lambda.endpoint().resolve(URI.create("/2015-03-31/functions/loaded/invocations")))
              .timeout(REQUEST_TIMEOUT)
              .POST(HttpRequest.BodyPublishers.ofString("{}"))
              .build();
      Tally tally = new Tally();
      long end = System.nanoTime() + LOAD.toNanos();
      List<Future<?>> running = new ArrayList<>();
      URI endpoint = lambda.endpoint();
      for (int i = 0; i < CALLERS; i++) {
        boolean keepAlive = i % 2 == 0;
        running.add(
            callers.submit(
                () -> {
                  for (int n = 0; n < REQUESTS_PER_CALLER && System.nanoTime() < end; n++) {
                    tally.requests.incrementAndGet();
                    try {
                      tally.count(
                          keepAlive
                              ? client
                                  .send(invoke, HttpResponse.BodyHandlers.discarding())
                                  .statusCode()
                              : invokeOnNewConnection(endpoint));
                    } catch (IOException e) {
                      tally.failed(e);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> caller : running) {
        caller.get(LOAD.plus(REQUEST_TIMEOUT).toSeconds() + 30, TimeUnit.SECONDS);
      }
      System.out.println("Invoke load, " + CALLERS + " callers for " + LOAD + ": " + tally);

      assertThat(tally.ok.get()).as("invocations run: %s", tally).isPositive();
      assertThat(tally.throttled.get()).as("invocations throttled: %s", tally).isPositive();
      assertThat(tally.ok.get() + tally.throttled.get())
          .as("every request answered 200 or 429: %s", tally)
          .isEqualTo(tally.requests.get());
    } finally {
      callers.shutdownNow();
    }
  }
}
