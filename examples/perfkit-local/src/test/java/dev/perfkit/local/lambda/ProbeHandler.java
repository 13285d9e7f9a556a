package dev.perfkit.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test function run in real environments: reports what the environment looks like from inside,
 * and does what the event asks (print, fail, exit, wait at a gate, spin past its timeout).
 */
public class ProbeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  private static final AtomicInteger INVOCATIONS = new AtomicInteger();

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    int invocation = INVOCATIONS.incrementAndGet();
    if (event.containsKey("print")) {
      System.out.println(event.get("print"));
    }
    if (event.containsKey("printClientContext")) {
      System.out.println("client context: " + clientContext(context));
    }
    if (event.containsKey("fail")) {
      throw new IllegalStateException(String.valueOf(event.get("fail")));
    }
    if (event.containsKey("exit")) {
      System.exit(((Number) event.get("exit")).intValue());
    }
    if (event.containsKey("outOfMemory")) {
      List<long[]> held = new ArrayList<>();
      while (held.size() < 1_000_000) {
        held.add(new long[128 * 1024]); // 1 MB each, until the heap is full
      }
    }
    if (event.containsKey("gate")) {
      passGate(String.valueOf(event.get("gate")));
    }
    if (event.containsKey("spinMillis")) {
      long until = System.nanoTime() + ((Number) event.get("spinMillis")).longValue() * 1_000_000;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
    }
    String initializationType = System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("pid", ProcessHandle.current().pid());
    result.put("invocation", invocation);
    result.put("cold_start", invocation == 1 && "on-demand".equals(initializationType));
    result.put("initialization_type", initializationType);
    result.put("function_name", context.getFunctionName());
    result.put("function_version", context.getFunctionVersion());
    result.put("invoked_function_arn", context.getInvokedFunctionArn());
    result.put("memory_limit_mb", context.getMemoryLimitInMB());
    result.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    result.put("remaining_time_ms", context.getRemainingTimeInMillis());
    result.put("request_id", context.getAwsRequestId());
    result.put("log_stream_name", context.getLogStreamName());
    result.put("region", System.getenv("AWS_REGION"));
    result.put("greeting", System.getenv("GREETING"));
    result.put("execution_env", System.getenv("AWS_EXECUTION_ENV"));
    result.put("client_context", clientContext(context));
    result.put("runtime_api", System.getenv("AWS_LAMBDA_RUNTIME_API"));
    return result;
  }

  /** The client context's custom values, or {@code none}. */
  private static String clientContext(Context context) {
    return context.getClientContext() == null
        ? "none"
        : String.valueOf(context.getClientContext().getCustom());
  }

  private static void passGate(String url) {
    try {
      HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
      connection.setReadTimeout(60_000);
      try (InputStream in = connection.getInputStream()) {
        in.readAllBytes();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
