package dev.perfkit.local.lambda;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The event source mappings created through the Lambda API, each polling with the {@link
 * EventSources} given to the local Lambda. Creating starts the pollers before answering (a queue
 * that does not exist is refused then); updating and deleting answer at once, in state {@code
 * Updating} or {@code Deleting}, and stop the pollers in the background, as the batches in flight
 * finish.
 */
final class EventSourceMappings {

  private static final System.Logger LOG = System.getLogger(LocalLambda.class.getName());
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final String NO_RECORDS = "No records processed";

  private static final class Mapping {
    final String uuid = UUID.randomUUID().toString();
    EventSourceSettings settings;
    boolean enabled;
    String state;
    String reason = "USER_INITIATED";
    Instant lastModified;
    EventSources.Poller poller;
  }

  private final Optional<EventSources> sources;
  private final LocalLambda lambda;
  private final Host host;
  private final Map<String, Mapping> mappings = new LinkedHashMap<>();
  private boolean closed;

  EventSourceMappings(Optional<EventSources> sources, LocalLambda lambda, Host host) {
    this.sources = sources;
    this.lambda = lambda;
    this.host = host;
  }

  /** Creates a mapping, polling at once when enabled; answered in state {@code Creating}. */
  MappingSnapshot create(EventSourceSettings settings, boolean enabled) {
    EventSources source =
        sources.orElseThrow(
            () ->
                LocalLambdaException.invalidParameter(
                    "This local Lambda has no event sources: start it with"
                        + " LocalLambda.Builder.eventSources (perfkit-lab serve does) to map "
                        + settings.eventSourceArn()));
    synchronized (this) {
      for (Mapping other : mappings.values()) {
        if (other.settings.eventSourceArn().equals(settings.eventSourceArn())
            && other.settings.functionName().equals(settings.functionName())
            && other.settings.qualifier().equals(settings.qualifier())) {
          throw LocalLambdaException.conflict(
              "The event source arn (\" "
                  + settings.eventSourceArn()
                  + " \") and function (\" "
                  + settings.functionName()
                  + " \") provided mapping already exists. Please"
                  + " update or delete the existing mapping with UUID "
                  + other.uuid);
        }
      }
    }
    Mapping mapping = new Mapping();
    mapping.settings = settings;
    mapping.enabled = enabled;
    mapping.poller = enabled ? source.start(settings, lambda) : null;
    mapping.state = enabled ? "Enabled" : "Disabled";
    mapping.lastModified = host.clock().instant();
    synchronized (this) {
      if (closed) {
        stopQuietly(mapping.poller);
        throw LocalLambdaException.service("The local Lambda is shutting down");
      }
      mappings.put(mapping.uuid, mapping);
      return snapshot(mapping).inState("Creating");
    }
  }

  synchronized MappingSnapshot get(String uuid) {
    return snapshot(existing(uuid));
  }

  /** The mappings of a function and/or a source, in creation order. */
  synchronized List<MappingSnapshot> list(
      Optional<String> functionName, Optional<String> eventSourceArn) {
    List<MappingSnapshot> found = new ArrayList<>();
    for (Mapping mapping : mappings.values()) {
      if (functionName.map(mapping.settings.functionName()::equals).orElse(true)
          && eventSourceArn.map(mapping.settings.eventSourceArn()::equals).orElse(true)) {
        found.add(snapshot(mapping));
      }
    }
    return found;
  }

  /**
   * Changes a mapping's settings and/or turns it on or off; the pollers restart in the background.
   * Refused while an earlier change is still being applied.
   */
  MappingSnapshot update(
      String uuid, UnaryOperator<EventSourceSettings> change, Optional<Boolean> enabled) {
    Mapping mapping;
    EventSources.Poller old;
    MappingSnapshot answer;
    synchronized (this) {
      mapping = existing(uuid);
      checkSettled(mapping);
      mapping.settings = change.apply(mapping.settings);
      mapping.enabled = enabled.orElse(mapping.enabled);
      mapping.state = "Updating";
      mapping.reason = "USER_INITIATED";
      mapping.lastModified = host.clock().instant();
      old = mapping.poller;
      mapping.poller = null;
      answer = snapshot(mapping);
    }
    host.executor().execute(() -> restart(mapping, old));
    return answer;
  }

  /** Deletes a mapping: answered in state {@code Deleting}, gone once its pollers stopped. */
  MappingSnapshot delete(String uuid) {
    Mapping mapping;
    MappingSnapshot answer;
    synchronized (this) {
      mapping = existing(uuid);
      checkSettled(mapping);
      mapping.state = "Deleting";
      mapping.lastModified = host.clock().instant();
      answer = snapshot(mapping);
    }
    host.executor()
        .execute(
            () -> {
              stopQuietly(mapping.poller);
              synchronized (this) {
                mappings.remove(mapping.uuid);
              }
            });
    return answer;
  }

  /** Stops every mapping's pollers, each waiting a bounded time for its batches. */
  void close() {
    List<Mapping> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(mappings.values());
    }
    all.forEach(mapping -> stopQuietly(mapping.poller));
  }

  private void restart(Mapping mapping, EventSources.Poller old) {
    stopQuietly(old);
    EventSources.Poller started = null;
    String reason = "USER_INITIATED";
    try {
      if (mapping.enabled && sources.isPresent()) {
        started = sources.get().start(mapping.settings, lambda);
      }
    } catch (RuntimeException e) {
      reason = "PROBLEM: " + e.getMessage();
      LOG.log(Level.WARNING, "Event source mapping " + mapping.uuid + " could not restart", e);
    }
    synchronized (this) {
      if (closed) {
        stopQuietly(started);
        return;
      }
      mapping.poller = started;
      mapping.state = started != null ? "Enabled" : "Disabled";
      mapping.reason = reason;
      mapping.lastModified = host.clock().instant();
    }
  }

  private static void checkSettled(Mapping mapping) {
    if (mapping.state.equals("Updating") || mapping.state.equals("Deleting")) {
      throw LocalLambdaException.resourceInUse(
          "Cannot update the event source mapping because it is in use: its state is "
              + mapping.state);
    }
  }

  private Mapping existing(String uuid) {
    Mapping mapping = mappings.get(uuid);
    if (mapping == null) {
      throw LocalLambdaException.notFound("The resource you requested does not exist.");
    }
    return mapping;
  }

  private static MappingSnapshot snapshot(Mapping mapping) {
    return new MappingSnapshot(
        mapping.uuid,
        mapping.settings,
        mapping.state,
        mapping.reason,
        mapping.lastModified,
        mapping.poller == null ? NO_RECORDS : mapping.poller.lastProcessingResult());
  }

  private static void stopQuietly(EventSources.Poller poller) {
    if (poller != null && !poller.stop(STOP_TIMEOUT)) {
      LOG.log(
          Level.WARNING,
          "Event source mapping: batches still in flight after "
              + STOP_TIMEOUT
              + "; their messages come back after the visibility timeout");
    }
  }
}
