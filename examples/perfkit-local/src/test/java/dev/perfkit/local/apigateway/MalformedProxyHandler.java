package dev.perfkit.local.apigateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A test function whose output is not a Lambda proxy response (no statusCode). */
public class MalformedProxyHandler
    implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  @Override
  public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
    return Map.of("message", "not a proxy response");
  }
}
