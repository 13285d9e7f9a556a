package dev.perfkit.local.apigateway;

import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The X-Ray trace header API Gateway adds to a request that comes without one ("Amazon API Gateway
 * active tracing support for AWS X-Ray",
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-services-apigateway.html): {@code
 * X-Amzn-Trace-Id: Root=1-5759e988-bd862e3fe1be46a994272793}, the request's time in epoch seconds
 * (8 hex digits) and 96 random bits (24 hex digits).
 */
final class TraceIds {

  static final String HEADER = "X-Amzn-Trace-Id";

  private TraceIds() {}

  static String newRoot(Instant now) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "Root=1-%08x-%012x%012x",
        now.getEpochSecond(), random.nextLong(1L << 48), random.nextLong(1L << 48));
  }
}
