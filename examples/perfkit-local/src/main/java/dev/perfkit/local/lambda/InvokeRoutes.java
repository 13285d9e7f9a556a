package dev.perfkit.local.lambda;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code Invoke}: the function's answer, its error header, its log tail, the version run. */
final class InvokeRoutes {

  private final DefaultLocalLambda lambda;

  InvokeRoutes(DefaultLocalLambda lambda) {
    this.lambda = lambda;
  }

  List<Route> routes() {
    return List.of(Route.of("POST", "/2015-03-31/functions/([^/]+)/invocations", this::invoke));
  }

  private void invoke(ApiCall call) throws IOException {
    Headers headers = call.headers();
    InvocationType type =
        InvocationType.fromWireName(
            Optional.ofNullable(headers.getFirst("X-Amz-Invocation-Type"))
                .orElse(InvocationType.REQUEST_RESPONSE.wireName()));
    byte[] payload =
        call.body(InvokePayloads.limit(type), length -> InvokePayloads.tooLarge(length, type));
    InvokeRequest.Builder request =
        InvokeRequest.builder(call.pathParameter(1))
            .payload(payload)
            .invocationType(type)
            .tailLog("Tail".equals(headers.getFirst("X-Amz-Log-Type")));
    call.query("Qualifier").ifPresent(request::qualifier);
    Optional.ofNullable(headers.getFirst("X-Amz-Client-Context")).ifPresent(request::clientContext);
    InvokeResult result = lambda.invoke(request.build());

    Map<String, String> response = new LinkedHashMap<>();
    response.put("x-amzn-RequestId", result.requestId());
    result.executedVersion().ifPresent(version -> response.put("X-Amz-Executed-Version", version));
    result.functionError().ifPresent(error -> response.put("X-Amz-Function-Error", error));
    result.logResult().ifPresent(log -> response.put("X-Amz-Log-Result", log));
    byte[] body = result.payload();
    if (body.length > 0) {
      response.put("Content-Type", "application/json");
    }
    call.respond(result.statusCode(), body, response);
  }
}
