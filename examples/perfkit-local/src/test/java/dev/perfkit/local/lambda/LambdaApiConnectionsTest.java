package dev.perfkit.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Lambda API's accept queue: a load test's fan-out opens many connections at once, and every
 * one of them gets its answer. None is reset, and none waits for a retransmitted SYN: an
 * overflowing listen backlog drops SYNs (Linux retries after 1 s) or resets the connection.
 */
class LambdaApiConnectionsTest {

  private static final int CONNECTIONS = 1_000;
  private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(60);

  /**
   * Linux's first SYN retransmission comes after 1 s: a handshake this slow had its SYN dropped.
   */
  private static final long SYN_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(900);

  /** One client connection: its request, and what came back. */
  private static final class Client {
    final SocketChannel channel;
    final ByteBuffer request;
    final StringBuilder answer = new StringBuilder();
    long connectStarted;
    long handshakeNanos;
    boolean reset;
    boolean done;

    Client(SocketChannel channel, ByteBuffer request) {
      this.channel = channel;
      this.request = request;
    }
  }

  @Test
  void thousandSimultaneousConnections_eachAnsweredWithoutResetOrDroppedSyn() throws IOException {
    try (LocalLambda lambda = LocalLambda.builder().build();
        Selector selector = Selector.open()) {
      URI endpoint = lambda.endpoint();
      InetSocketAddress address = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
      byte[] request =
          ("GET /2016-08-19/account-settings HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      List<Client> clients = new ArrayList<>();
      // Every connection is opened before any request is sent: all 1,000 are open at once.
      for (int i = 0; i < CONNECTIONS; i++) {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        Client client = new Client(channel, ByteBuffer.wrap(request));
        clients.add(client);
        client.connectStarted = System.nanoTime();
        if (channel.connect(address)) {
          channel.register(selector, SelectionKey.OP_WRITE, client);
        } else {
          channel.register(selector, SelectionKey.OP_CONNECT, client);
        }
      }
      try {
        exchangeAll(selector, clients.size());
      } finally {
        for (Client client : clients) {
          client.channel.close();
        }
      }

      assertThat(clients).filteredOn(client -> client.reset).isEmpty();
      assertThat(clients)
          .as("connections whose SYN was dropped by a full accept queue")
          .filteredOn(client -> client.handshakeNanos >= SYN_RETRY_NANOS)
          .isEmpty();
      assertThat(clients)
          .allSatisfy(client -> assertThat(client.answer.toString()).startsWith("HTTP/1.1 200"));
    }
  }

  /** Connects, writes each request and reads each answer to its end, within the bound. */
  private static void exchangeAll(Selector selector, int clients) throws IOException {
    long deadline = System.nanoTime() + BOUND_NANOS;
    int finished = 0;
    ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
    while (finished < clients && System.nanoTime() < deadline) {
      selector.select(1_000);
      for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
        SelectionKey key = keys.next();
        keys.remove();
        Client client = (Client) key.attachment();
        try {
          if (key.isConnectable() && client.channel.finishConnect()) {
            client.handshakeNanos = System.nanoTime() - client.connectStarted;
            key.interestOps(SelectionKey.OP_WRITE);
          } else if (key.isWritable()) {
            client.channel.write(client.request);
            if (!client.request.hasRemaining()) {
              key.interestOps(SelectionKey.OP_READ);
            }
          } else if (key.isReadable()) {
            buffer.clear();
            int read = client.channel.read(buffer);
            if (read < 0) {
              client.done = true;
            } else {
              client.answer.append(new String(buffer.array(), 0, read, StandardCharsets.US_ASCII));
            }
          }
        } catch (IOException e) {
          client.reset = true;
          client.done = true;
        }
        if (client.done) {
          key.cancel();
          finished++;
        }
      }
    }
    assertThat(finished).as("connections finished within the bound").isEqualTo(clients);
  }
}
