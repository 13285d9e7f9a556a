package dev.perfkit.core.metrics;

/**
 * How finely CloudWatch stores a metric: {@link #STANDARD} (one minute) or {@link #HIGH} (one
 * second, billed as a high-resolution custom metric).
 */
public enum StorageResolution {
  /** One-minute resolution: EMF's default, so the document does not mention it. */
  STANDARD(60),
  /** One-second resolution: written as {@code "StorageResolution": 1}. */
  HIGH(1);

  private final int seconds;

  StorageResolution(int seconds) {
    this.seconds = seconds;
  }

  /**
   * The resolution in seconds, as EMF writes it.
   *
   * @return 60 for {@link #STANDARD}, 1 for {@link #HIGH}
   */
  public int seconds() {
    return seconds;
  }
}
