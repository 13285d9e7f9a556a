package dev.perfkit.lab.local;

import static dev.perfkit.local.testing.SharedTestSupport.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.lab.stack.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * dynalite killed from outside (kill -9 of its pid) while the lab runs: its exit is reported, it
 * starts again on the same port, and requests succeed again, with the items written before when its
 * data is on disk.
 */
class LocalDynamoSupervisionTest {

  private static final Table TABLE = new Table("supervised-table", "pk", "ttl");
  private static final Duration RESTART_BOUND = Duration.ofSeconds(60);

  @TempDir Path data;

  private final List<String> progress = new CopyOnWriteArrayList<>();

  private LocalDynamo start(Optional<Path> dataDirectory) {
    return LocalDynamo.start(LabTestSupport.cacheDirectory(), TABLE, dataDirectory, progress::add);
  }

  private static DynamoDbClient client(LocalDynamo dynamo) {
    return DynamoDbClient.builder()
        .endpointOverride(dynamo.endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }

  private static void put(DynamoDbClient client, String key) {
    client.putItem(
        request -> request.tableName(TABLE.name()).item(Map.of("pk", AttributeValue.fromS(key))));
  }

  private static boolean has(DynamoDbClient client, String key) {
    return client
        .getItem(
            request -> request.tableName(TABLE.name()).key(Map.of("pk", AttributeValue.fromS(key))))
        .hasItem();
  }

  private static void killHard(long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor()).as("kill -9 %d", pid).isZero();
  }

  /** Waits, bounded, until a dynalite other than {@code killed} serves; returns whether one did. */
  private boolean restarted(LocalDynamo dynamo, long killed) {
    return eventually(
        RESTART_BOUND,
        () -> dynamo.pid() != killed && progress.stream().anyMatch(l -> l.contains("restarted")));
  }

  @Test
  void killedWithDataOnDisk_restartsOnItsPortWithTheItemsWrittenBefore() throws Exception {
    try (LocalDynamo dynamo = start(Optional.of(data));
        DynamoDbClient client = client(dynamo)) {
      put(client, "before-the-kill");
      long killed = dynamo.pid();

      killHard(killed);

      assertThat(restarted(dynamo, killed)).as("restarted: %s", progress).isTrue();
      assertThat(has(client, "before-the-kill")).isTrue();
    }
  }

  @Test
  void killed_exitIsReportedWithItsSignalAndPort() throws Exception {
    try (LocalDynamo dynamo = start(Optional.of(data))) {
      long killed = dynamo.pid();

      killHard(killed);

      assertThat(restarted(dynamo, killed)).as("restarted: %s", progress).isTrue();
      assertThat(progress)
          .anySatisfy(
              line ->
                  assertThat(line)
                      .contains("pid " + killed + ") exited with signal 9")
                      .contains("restarting it on 127.0.0.1:" + dynamo.endpoint().getPort()));
    }
  }

  @Test
  void killedInMemory_restartsWithTheTableCreatedAgainAndSaysTheItemsAreLost() throws Exception {
    try (LocalDynamo dynamo = start(Optional.empty());
        DynamoDbClient client = client(dynamo)) {
      put(client, "lost-in-memory");
      long killed = dynamo.pid();

      killHard(killed);

      assertThat(restarted(dynamo, killed)).as("restarted: %s", progress).isTrue();
      put(client, "after-the-restart");
      assertThat(has(client, "lost-in-memory")).isFalse();
      assertThat(progress).anySatisfy(line -> assertThat(line).contains("are lost"));
    }
  }
}
