package dev.perfkit.lab.stack;

import java.util.Objects;
import java.util.Optional;

/**
 * A standard SQS queue.
 *
 * @param name the queue name, prefixed by the username
 * @param visibilityTimeoutSeconds how long a received message stays hidden, 0 to 43200 s
 * @param messageRetentionSeconds how long a message is kept, 60 to 1209600 s
 * @param redrive where messages go after too many receives, if anywhere
 */
public record QueueSpec(
    String name,
    int visibilityTimeoutSeconds,
    int messageRetentionSeconds,
    Optional<Redrive> redrive) {

  /** Validates the queue. */
  public QueueSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(redrive, "redrive");
    if (visibilityTimeoutSeconds < 0 || visibilityTimeoutSeconds > 43_200) {
      throw new IllegalArgumentException(
          "visibilityTimeoutSeconds of "
              + name
              + " is "
              + visibilityTimeoutSeconds
              + ": allowed 0 to 43200");
    }
    if (messageRetentionSeconds < 60 || messageRetentionSeconds > 1_209_600) {
      throw new IllegalArgumentException(
          "messageRetentionSeconds of "
              + name
              + " is "
              + messageRetentionSeconds
              + ": allowed 60 to 1209600");
    }
  }

  /**
   * A redrive policy: after {@code maxReceiveCount} receives a message moves to the dead-letter
   * queue. (In SQS this lives in the {@code RedrivePolicy} attribute, not in a queue attribute of
   * its own.)
   *
   * @param deadLetterQueue the dead-letter queue
   * @param maxReceiveCount receives before the move, 1 to 1000
   */
  public record Redrive(QueueSpec deadLetterQueue, int maxReceiveCount) {

    /** Validates the policy. */
    public Redrive {
      Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
      if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
        throw new IllegalArgumentException(
            "maxReceiveCount is " + maxReceiveCount + ": allowed 1 to 1000");
      }
      if (deadLetterQueue.redrive().isPresent()) {
        throw new IllegalArgumentException(
            "dead-letter queue " + deadLetterQueue.name() + " has a redrive policy of its own");
      }
    }
  }
}
