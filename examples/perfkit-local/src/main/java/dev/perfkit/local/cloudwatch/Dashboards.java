package dev.perfkit.local.cloudwatch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stored dashboards, by name, within a bound of 16 MiB of bodies in all: a PutDashboard past it
 * is refused with {@code LimitExceeded}, naming the bound.
 */
final class Dashboards {

  static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;

  /** One dashboard: its name, its JSON body and when it was last put. */
  record Dashboard(String name, String body, Instant lastModified) {
    long size() {
      return body.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  private final TreeMap<String, Dashboard> byName = new TreeMap<>();
  private long totalBytes;

  synchronized void put(Dashboard dashboard) {
    Dashboard previous = byName.get(dashboard.name());
    long total = totalBytes - (previous == null ? 0 : previous.size()) + dashboard.size();
    if (total > MAX_TOTAL_BYTES) {
      throw CloudWatchException.limitExceeded(
          "The local CloudWatch keeps at most "
              + MAX_TOTAL_BYTES
              + " bytes of dashboard bodies; delete a dashboard first.");
    }
    byName.put(dashboard.name(), dashboard);
    totalBytes = total;
  }

  synchronized Optional<Dashboard> get(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The dashboards whose names start with {@code prefix}, by name. */
  synchronized List<Dashboard> list(String prefix) {
    List<Dashboard> matching = new ArrayList<>();
    for (Dashboard dashboard : byName.values()) {
      if (dashboard.name().startsWith(prefix)) {
        matching.add(dashboard);
      }
    }
    return matching;
  }

  /** Deletes all of {@code names}, or, when one does not exist, none (ResourceNotFound). */
  synchronized void deleteAll(List<String> names) {
    List<String> missing = new ArrayList<>();
    for (String name : names) {
      if (!byName.containsKey(name)) {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      throw CloudWatchException.dashboardNotFound("Dashboard(s) " + missing + " do not exist");
    }
    for (String name : names) {
      Dashboard removed = byName.remove(name);
      if (removed != null) {
        totalBytes -= removed.size();
      }
    }
  }
}
