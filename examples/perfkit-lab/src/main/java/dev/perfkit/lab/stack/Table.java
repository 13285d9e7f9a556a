package dev.perfkit.lab.stack;

import java.util.Objects;

/**
 * The DynamoDB table of the {@code database_batch} operation: on-demand billing, a string partition
 * key, and a TTL attribute so that load tests do not grow it forever.
 *
 * @param name the table name, prefixed by the username
 * @param partitionKey the string partition key attribute
 * @param ttlAttribute the attribute holding each item's expiry (epoch seconds)
 */
public record Table(String name, String partitionKey, String ttlAttribute) {

  /** Validates the table. */
  public Table {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(partitionKey, "partitionKey");
    Objects.requireNonNull(ttlAttribute, "ttlAttribute");
    if (partitionKey.isEmpty() || ttlAttribute.isEmpty() || partitionKey.equals(ttlAttribute)) {
      throw new IllegalArgumentException(
          "table "
              + name
              + ": partitionKey '"
              + partitionKey
              + "' and ttlAttribute '"
              + ttlAttribute
              + "' must be non-empty and different");
    }
  }
}
