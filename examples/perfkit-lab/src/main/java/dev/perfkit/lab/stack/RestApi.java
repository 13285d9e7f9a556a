package dev.perfkit.lab.stack;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The lab's REST API: one resource, its methods, a cached stage and a usage plan.
 *
 * @param name the API name, prefixed by the username (also its CloudWatch {@code ApiName})
 * @param stageName the stage, {@code prod} in the lab
 * @param resourcePath the resource's path, e.g. {@code /performance}
 * @param cacheClusterSizeGb the stage cache size in GB, one of API Gateway's sizes
 * @param cacheTtlSeconds time to live of cached responses, 0 to 3600 s
 * @param methods the resource's methods, at most one per HTTP method
 * @param usagePlan the usage plan and its key
 */
public record RestApi(
    String name,
    String stageName,
    String resourcePath,
    String cacheClusterSizeGb,
    int cacheTtlSeconds,
    List<ApiMethod> methods,
    UsagePlanSpec usagePlan) {

  /** The cache sizes API Gateway offers, in GB. */
  public static final List<String> CACHE_SIZES_GB =
      List.of("0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237");

  /** Validates the API. */
  public RestApi {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stageName, "stageName");
    Objects.requireNonNull(resourcePath, "resourcePath");
    Objects.requireNonNull(cacheClusterSizeGb, "cacheClusterSizeGb");
    Objects.requireNonNull(methods, "methods");
    Objects.requireNonNull(usagePlan, "usagePlan");
    if (!stageName.matches("[a-zA-Z0-9_-]{1,128}")) {
      throw new IllegalArgumentException(
          "stageName '" + stageName + "': 1 to 128 of a-z A-Z 0-9 - _");
    }
    if (!resourcePath.matches("(/[a-zA-Z0-9._-]+)+")) {
      throw new IllegalArgumentException(
          "resourcePath '" + resourcePath + "': /segment[/segment...] of a-z A-Z 0-9 . _ -");
    }
    if (!CACHE_SIZES_GB.contains(cacheClusterSizeGb)) {
      throw new IllegalArgumentException(
          "cacheClusterSizeGb '" + cacheClusterSizeGb + "': allowed " + CACHE_SIZES_GB);
    }
    if (cacheTtlSeconds < 0 || cacheTtlSeconds > 3600) {
      throw new IllegalArgumentException(
          "cacheTtlSeconds is " + cacheTtlSeconds + ": allowed 0 to 3600");
    }
    methods = List.copyOf(methods);
    Set<String> seen = new HashSet<>();
    for (ApiMethod method : methods) {
      if (!seen.add(method.httpMethod())) {
        throw new IllegalArgumentException("method " + method.httpMethod() + " given twice");
      }
    }
  }
}
