package dev.perfkit.core.clients;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Records the request type of every DynamoDB request the SDK marshalled in this JVM: the SDK loads
 * it for every DynamoDB client from {@code software/amazon/awssdk/services/dynamodb/
 * execution.interceptors} in the test resources, throwaway warm-up clients included. It changes
 * nothing.
 */
public final class MarshallingRecorder implements ExecutionInterceptor {

  private static final List<String> MARSHALLED = new CopyOnWriteArrayList<>();

  /** The SDK instantiates it by reflection. */
  public MarshallingRecorder() {}

  @Override
  public void afterMarshalling(
      Context.AfterMarshalling context, ExecutionAttributes executionAttributes) {
    MARSHALLED.add(context.request().getClass().getSimpleName());
  }

  /** The simple names of the request types marshalled since the JVM started, in order. */
  static List<String> marshalled() {
    return List.copyOf(MARSHALLED);
  }
}
