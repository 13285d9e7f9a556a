package dev.perfkit.bench.clients;

import dev.perfkit.bench.UuidServer;
import dev.perfkit.core.Environment;
import dev.perfkit.core.clients.ClientRegistry;
import dev.perfkit.core.testing.LocalHttpServer;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One HTTPS GET of a small JSON body from a local TLS server (the JDK's {@code HttpsServer}, a
 * self-signed RSA 2048 certificate generated at setup): over the {@link ClientRegistry}'s pooled
 * HttpClient, configured with {@link ClientRegistry.Builder#sslContext} to trust that certificate,
 * vs over an HttpClient built and closed per call with the same trust (a TCP connection and a TLS
 * handshake per call).
 *
 * <pre>
 * ./mvnw -q -pl perfkit-bench -am package -DskipTests
 * java -jar perfkit-bench/target/benchmarks.jar HttpsPoolingBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class HttpsPoolingBenchmark {

  /** The local HTTPS server and a TLS context that trusts its certificate. */
  @State(Scope.Benchmark)
  public static class Server {
    static final String UUID = "6b1b5c4e-3f7a-4d2e-9c1a-2f0e8d7b6a59";

    LocalHttpServer server;
    URI uri;
    SSLContext trusting;

    /** Starts the server under a new certificate. */
    @Setup
    public void start() {
      server = UuidServer.https(UUID);
      uri = server.uri("/uuid");
      trusting = server.trustingContext();
    }

    /** Stops the server. */
    @TearDown
    public void stop() {
      server.close();
    }
  }

  /** The registry a function builds once per execution environment. */
  @State(Scope.Benchmark)
  public static class Registry {
    ClientRegistry registry;

    @Setup
    public void build(Server server) {
      registry =
          ClientRegistry.builder(Environment.of(Map.of())).sslContext(server.trusting).build();
    }

    @TearDown
    public void close() {
      registry.close();
    }
  }

  @Benchmark
  public String pooled(Registry registry, Server server) throws IOException {
    return HttpsGet.pooled(registry.registry, server.uri);
  }

  @Benchmark
  public String clientPerCall(Server server) throws IOException {
    return HttpsGet.clientPerCall(server.trusting, server.uri);
  }
}
