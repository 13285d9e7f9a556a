package dev.perfkit.local.sqs;

import dev.perfkit.local.cloudwatch.SqsMetrics;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.rest.sqs.TheSQSRestServerBuilder;
import scala.jdk.javaapi.FutureConverters;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ's REST server on its own actor system, which it terminates on close. */
final class ElasticMqSqs implements LocalSqs {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem actorSystem;
  private final SQSRestServer server;
  private final URI endpoint;
  private final String region;
  private final String accountId;
  private final SqsClient client;
  private final Optional<QueueMetrics> metrics;
  private final Optional<ElasticMqStore> store;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ElasticMqSqs(
      ActorSystem actorSystem,
      SQSRestServer server,
      int port,
      String region,
      String accountId,
      Optional<SqsMetrics> sink,
      Optional<ElasticMqStore> store) {
    this.actorSystem = actorSystem;
    this.store = store;
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + port);
    this.region = region;
    this.accountId = accountId;
    this.metrics = sink.map(to -> new QueueMetrics(to, Clock.systemUTC()));
    this.client =
        SqsClient.builder()
            .endpointOverride(endpoint)
            .region(Region.of(region))
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(Apache5HttpClient.builder().maxConnections(Builder.MAX_CONNECTIONS))
            .overrideConfiguration(
                configuration -> metrics.ifPresent(configuration::addExecutionInterceptor))
            .build();
    metrics.ifPresent(queues -> queues.startSampling(client));
  }

  static LocalSqs start(LocalSqs.Builder builder) {
    ActorSystem system = ActorSystem.create("perfkit-elasticmq");
    Optional<ElasticMqStore> store = Optional.empty();
    try {
      TheSQSRestServerBuilder server =
          SQSRestServerBuilder.withActorSystem(system)
              .withInterface("127.0.0.1")
              .withPort(builder.port())
              .withAWSRegion(builder.region())
              .withAWSAccountId(builder.accountId());
      store = builder.storage().map(directory -> ElasticMqStore.open(system, directory));
      ActorRef queueManager = null;
      if (store.isPresent()) {
        queueManager = store.get().queueManager(system, server.sqsLimits());
        server =
            server
                .withQueueManagerActor(queueManager)
                .withQueueEventListener(store.get().listener());
      }
      SQSRestServer started = server.start();
      int port =
          FutureConverters.asJava(started.startFuture())
              .toCompletableFuture()
              .get(builder.startTimeout().toMillis(), TimeUnit.MILLISECONDS)
              .localAddress()
              .getPort();
      if (queueManager != null) {
        store.get().restore(queueManager, builder.startTimeout());
      }
      return new ElasticMqSqs(
          system, started, port, builder.region(), builder.accountId(), builder.metrics(), store);
    } catch (ExecutionException e) {
      terminate(system, store);
      throw new IllegalStateException(
          "ElasticMQ could not bind 127.0.0.1:" + builder.port() + ": " + e.getCause(),
          e.getCause());
    } catch (TimeoutException e) {
      terminate(system, store);
      throw new IllegalStateException(
          "ElasticMQ did not start within " + builder.startTimeout(), e);
    } catch (InterruptedException e) {
      terminate(system, store);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ElasticMQ started", e);
    } catch (RuntimeException e) {
      terminate(system, store);
      throw e;
    }
  }

  @Override
  public URI endpoint() {
    return endpoint;
  }

  @Override
  public String region() {
    return region;
  }

  @Override
  public String accountId() {
    return accountId;
  }

  @Override
  public SqsClient client() {
    return client;
  }

  @Override
  public void close() {
    stop();
  }

  @Override
  public MessagesAtStop stop() {
    if (!closed.compareAndSet(false, true)) {
      return new MessagesAtStop(0, 0);
    }
    long held = QueueCounts.messages(client);
    Exception stopFailure = null;
    try {
      metrics.ifPresent(QueueMetrics::close);
      client.close();
      FutureConverters.asJava(server.stopAndGetFuture().apply())
          .toCompletableFuture()
          .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      stopFailure = e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // Terminating the actor system closes whatever the server left open; the store goes last.
    terminate(actorSystem);
    long kept = store.map(ElasticMqStore::closeAndCount).orElse(0L);
    if (stopFailure != null) {
      throw new IllegalStateException(
          "ElasticMQ's server did not stop cleanly: " + stopFailure, stopFailure);
    }
    return new MessagesAtStop(held, kept);
  }

  private static void terminate(ActorSystem system, Optional<ElasticMqStore> store) {
    try {
      terminate(system);
    } finally {
      store.ifPresent(ElasticMqStore::closeAndCount);
    }
  }

  private static void terminate(ActorSystem system) {
    system.terminate();
    try {
      system
          .getWhenTerminated()
          .toCompletableFuture()
          .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("ElasticMQ's actor system did not terminate: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
