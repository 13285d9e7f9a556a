package dev.perfkit.local.lambda;

import java.time.Instant;

/**
 * An event source mapping as the Lambda API describes it.
 *
 * @param uuid its identifier
 * @param settings what it polls and how
 * @param state {@code Creating}, {@code Enabled}, {@code Disabled}, {@code Updating} or {@code
 *     Deleting}
 * @param stateTransitionReason why it is in that state: {@code USER_INITIATED}, or the problem that
 *     stopped it
 * @param lastModified when it last changed
 * @param lastProcessingResult {@code No records processed}, {@code OK} or {@code PROBLEM: ...}
 */
record MappingSnapshot(
    String uuid,
    EventSourceSettings settings,
    String state,
    String stateTransitionReason,
    Instant lastModified,
    String lastProcessingResult) {

  MappingSnapshot inState(String answeredState) {
    return new MappingSnapshot(
        uuid, settings, answeredState, stateTransitionReason, lastModified, lastProcessingResult);
  }
}
