package dev.perfkit.local.apigateway;

import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The stage's throttling and quotas: a token bucket per method and one per API key of the usage
 * plan, and a request count per key and quota period.
 */
final class Limits {

  private final Map<HttpMethod, Bucket> methodBuckets = new EnumMap<>(HttpMethod.class);
  private final Map<String, Bucket> keyBuckets = new HashMap<>();
  private final Map<String, QuotaCounter> quotas = new HashMap<>();
  private final Optional<Quota> quota;
  private final Clock clock;

  Limits(StageConfig config, Ticker ticker, Clock clock) {
    this.clock = clock;
    TimeMeter meter =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return ticker.read();
          }

          @Override
          public boolean isWallClockBased() {
            return false;
          }
        };
    for (HttpMethod method : HttpMethod.values()) {
      methodBuckets.put(method, bucket(config.throttle(method), meter));
    }
    this.quota = config.usagePlan().flatMap(UsagePlan::quota);
    config
        .usagePlan()
        .ifPresent(
            plan ->
                plan.apiKeys()
                    .keySet()
                    .forEach(
                        name -> {
                          keyBuckets.put(name, bucket(plan.throttle(), meter));
                          quotas.put(name, new QuotaCounter());
                        }));
  }

  /** Takes a token from the method's bucket; false when it is empty. */
  boolean tryMethod(HttpMethod method) {
    return methodBuckets.get(method).tryConsume(1);
  }

  /** Takes a token from the key's bucket; false when it is empty. */
  boolean tryKey(String keyName) {
    return keyBuckets.get(keyName).tryConsume(1);
  }

  /** Counts a request against the key's quota; false when the period's quota is used up. */
  boolean tryQuota(String keyName) {
    if (quota.isEmpty()) {
      return true;
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return quotas.get(keyName).tryCount(quota.get().period().start(today), quota.get().limit());
  }

  // Greedy refill: the rate is spread evenly (500/s is a token every 2 ms), not added in lumps.
  // Rates are fractional on API Gateway, so they are expressed per 1000 seconds.
  private static Bucket bucket(Throttle throttle, TimeMeter meter) {
    long tokensPer1000Seconds = Math.max(1, Math.round(throttle.rateLimit() * 1000));
    return Bucket.builder()
        .addLimit(
            limit ->
                limit
                    .capacity(throttle.burstLimit())
                    .refillGreedy(tokensPer1000Seconds, Duration.ofSeconds(1000)))
        .withCustomTimePrecision(meter)
        .build();
  }

  /** Requests of one key in its current quota period. */
  private static final class QuotaCounter {
    private LocalDate periodStart;
    private long used;

    synchronized boolean tryCount(LocalDate start, long limit) {
      if (!start.equals(periodStart)) {
        periodStart = start;
        used = 0;
      }
      if (used >= limit) {
        return false;
      }
      used++;
      return true;
    }
  }
}
