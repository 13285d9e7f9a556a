package dev.perfkit.local.sqs;

/**
 * The queues' messages when a {@link LocalSqs} stopped.
 *
 * @param held the messages the queues held at the stop: visible, in flight and delayed
 * @param kept the messages its storage kept for the next start; 0 without storage
 */
public record MessagesAtStop(long held, long kept) {

  /**
   * The messages held at the stop that the next start will not have.
   *
   * @return {@code held - kept}, at least 0
   */
  public long lost() {
    return Math.max(0, held - kept);
  }
}
