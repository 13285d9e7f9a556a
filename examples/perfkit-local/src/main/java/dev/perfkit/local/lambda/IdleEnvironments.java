package dev.perfkit.local.lambda;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A version's idle on-demand environments, the most recently idle first, each with the ticker time
 * it went idle. Guarded by the owning function's monitor: callers hold it.
 */
final class IdleEnvironments {

  private final Deque<ExecutionEnvironment> environments = new ArrayDeque<>();
  private final Map<ExecutionEnvironment, Long> idleSince = new HashMap<>();

  void add(ExecutionEnvironment environment, long nowNanos) {
    environments.addFirst(environment);
    idleSince.put(environment, nowNanos);
  }

  /** The most recently idle environment, taken out; null when there is none. */
  ExecutionEnvironment poll() {
    ExecutionEnvironment environment = environments.pollFirst();
    idleSince.remove(environment);
    return environment;
  }

  void remove(ExecutionEnvironment environment) {
    environments.remove(environment);
    idleSince.remove(environment);
  }

  /** Takes every environment out. */
  List<ExecutionEnvironment> clear() {
    List<ExecutionEnvironment> all = new ArrayList<>(environments);
    environments.clear();
    idleSince.clear();
    return all;
  }

  /** Takes out the environments idle since {@code cutoffNanos} or before. */
  List<ExecutionEnvironment> removeIdleSince(long cutoffNanos) {
    List<ExecutionEnvironment> expired = new ArrayList<>();
    // Added at the head with a ticker that never goes back: the longest idle are at the tail.
    Iterator<ExecutionEnvironment> oldestFirst = environments.descendingIterator();
    while (oldestFirst.hasNext()) {
      ExecutionEnvironment environment = oldestFirst.next();
      if (idleSince.get(environment) - cutoffNanos > 0) {
        break;
      }
      oldestFirst.remove();
      idleSince.remove(environment);
      expired.add(environment);
    }
    return expired;
  }
}
