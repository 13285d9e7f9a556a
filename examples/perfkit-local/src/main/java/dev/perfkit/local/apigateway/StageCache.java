package dev.perfkit.local.apigateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The stage cache: answers by method, resource path and the values of the method's cache key
 * parameters, each kept for its method's TTL. Like API Gateway's, it holds at most 1 MB per
 * response; its capacity is the lab's cache cluster size, 0.5 GB.
 */
final class StageCache {

  static final int MAX_RESPONSE_BYTES = 1_048_576;
  private static final long CAPACITY_BYTES = 512L * 1024 * 1024;
  private static final int ENTRY_OVERHEAD_BYTES = 256;

  /** A cache key: the values are those of the method's parameters, in order. */
  record Key(HttpMethod method, String resourcePath, List<List<String>> parameterValues) {}

  private record Entry(HttpAnswer answer, Duration ttl) {}

  private final Cache<Key, Entry> cache;

  StageCache(Ticker ticker) {
    this.cache =
        Caffeine.newBuilder()
            .ticker(ticker)
            .expireAfter(Expiry.<Key, Entry>writing((key, entry) -> entry.ttl()))
            .maximumWeight(CAPACITY_BYTES)
            .weigher((Key key, Entry entry) -> entry.answer().body().length + ENTRY_OVERHEAD_BYTES)
            // Maintenance on the calling thread: no background task outlives the stage.
            .executor(Runnable::run)
            .build();
  }

  Optional<HttpAnswer> get(Key key) {
    return Optional.ofNullable(cache.getIfPresent(key)).map(Entry::answer);
  }

  /** Stores (or replaces) an answer for {@code ttl}; answers over 1 MB are not cached. */
  void put(Key key, HttpAnswer answer, Duration ttl) {
    if (answer.body().length <= MAX_RESPONSE_BYTES) {
      cache.put(key, new Entry(answer, ttl));
    } else {
      cache.invalidate(key);
    }
  }

  void flush() {
    cache.invalidateAll();
  }
}
