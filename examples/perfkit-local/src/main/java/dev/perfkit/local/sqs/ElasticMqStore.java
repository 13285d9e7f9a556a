package dev.perfkit.local.sqs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.Limits;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ's own persistence, its {@code messages-storage}: the queues, their attributes and their
 * messages in an H2 database, written by ElasticMQ's {@code SqlQueuePersistenceActor} as each
 * operation happens (a queue answers a send, receive or delete once the store has it), and restored
 * into the queue manager when the server starts again.
 *
 * <p>ElasticMQ's SQL store takes its connections from a JVM-wide pool (scalikejdbc's default), so
 * one stored {@link LocalSqs} runs in a JVM at a time; each start points the pool at its store.
 */
final class ElasticMqStore {

  private static final AtomicBoolean IN_USE = new AtomicBoolean();

  private final Path directory;
  private final String url;
  private final ActorRef listener;

  private ElasticMqStore(Path directory, String url, ActorRef listener) {
    this.directory = directory;
    this.url = url;
    this.listener = listener;
  }

  /** Opens the store in {@code directory} (created if missing) on the server's actor system. */
  static ElasticMqStore open(ActorSystem system, Path directory) {
    if (!IN_USE.compareAndSet(false, true)) {
      throw new IllegalStateException(
          "another LocalSqs with storage runs in this JVM: ElasticMQ's SQL store is one per JVM");
    }
    try {
      Path absolute = Files.createDirectories(directory).toAbsolutePath();
      // Closed by us, after the server: H2's own shutdown hook would close it under ElasticMQ.
      String url = "jdbc:h2:file:" + absolute.resolve("elasticmq") + ";DB_CLOSE_ON_EXIT=FALSE";
      SqlQueuePersistenceConfig config =
          SqlQueuePersistenceConfig.apply(true, "org.h2.Driver", url, "", "", false);
      pointThePoolAt(url);
      List<CreateQueueMetadata> noBaseQueues = List.of();
      ActorRef listener =
          system.actorOf(
              Props.create(
                  SqlQueuePersistenceActor.class,
                  () ->
                      new SqlQueuePersistenceActor(
                          config, CollectionConverters.asScala(noBaseQueues).toList())),
              "perfkit-elasticmq-store");
      return new ElasticMqStore(absolute, url, listener);
    } catch (java.io.IOException | RuntimeException e) {
      IN_USE.set(false);
      throw new IllegalStateException("cannot open the SQS store in " + directory + ": " + e, e);
    }
  }

  /**
   * Points the JVM's default pool at this store: ElasticMQ sets it up once per JVM only (with the
   * first store's address), and takes its connections from it.
   */
  private static void pointThePoolAt(String url) {
    ConnectionPool$ pools = ConnectionPool$.MODULE$;
    ConnectionPoolSettings settings = pools.singleton$default$4();
    pools.singleton(url, "", "", settings, pools.singleton$default$5(url, "", "", settings));
  }

  Path directory() {
    return directory;
  }

  /** Where the REST server tells queue changes. */
  ActorRef listener() {
    return listener;
  }

  /** The queue manager, telling this store each change to queues and messages. */
  ActorRef queueManager(ActorSystem system, Limits limits) {
    return system.actorOf(
        Props.create(
            QueueManagerActor.class,
            () -> new QueueManagerActor(new NowProvider(), limits, Option.apply(listener))),
        "perfkit-elasticmq-queues");
  }

  /** Restores the stored queues and messages into {@code queueManager}. */
  void restore(ActorRef queueManager, Duration timeout) {
    Object answer;
    try {
      answer =
          Patterns.ask(listener, new QueueEvent.Restore(queueManager), timeout)
              .toCompletableFuture()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "ElasticMQ did not restore the queues stored in " + directory + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ElasticMQ restored its queues", e);
    }
    if (answer instanceof scala.util.Left<?, ?> errors) {
      throw new IllegalStateException(
          "ElasticMQ could not restore the queues stored in " + directory + ": " + errors.value());
    }
  }

  /**
   * Closes the store once the server and its actor system are gone, and counts the messages it
   * kept.
   */
  long closeAndCount() {
    try {
      ConnectionPool$.MODULE$.closeAll();
      try (Connection connection = DriverManager.getConnection(url, "", "")) {
        long kept = countMessages(connection);
        try (Statement shutdown = connection.createStatement()) {
          shutdown.execute("SHUTDOWN");
        }
        return kept;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot count the messages stored in " + directory + ": " + e.getMessage(), e);
    } finally {
      IN_USE.set(false);
    }
  }

  /** Its messages: one table per queue, {@code message_<queue>}. */
  private static long countMessages(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet names =
            statement.executeQuery(
                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND UPPER(TABLE_NAME) LIKE 'MESSAGE\\_%'")) {
      while (names.next()) {
        tables.add(names.getString(1));
      }
    }
    long count = 0;
    for (String table : tables) {
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery("SELECT COUNT(*) FROM \"" + table.replace("\"", "") + "\"")) {
        rows.next();
        count += rows.getLong(1);
      }
    }
    return count;
  }
}
