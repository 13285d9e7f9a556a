package dev.perfkit.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** A test function whose initialization fails, as one with a missing setting would. */
public class BrokenInitHandler implements RequestHandler<Object, String> {

  public BrokenInitHandler() {
    throw new IllegalStateException("PERFKIT_TABLE_NAME is not set");
  }

  @Override
  public String handleRequest(Object event, Context context) {
    return "unreachable";
  }
}
