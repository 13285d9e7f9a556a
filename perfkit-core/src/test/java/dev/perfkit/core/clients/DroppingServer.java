package dev.perfkit.core.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw TCP server on 127.0.0.1 that reads a request's head and hangs up without answering, for its
 * first {@code drops} connections, then answers 200 and closes. Counts connections.
 */
final class DroppingServer implements AutoCloseable {

  private final ServerSocket socket;
  private final int drops;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  DroppingServer(int drops) {
    this.drops = drops;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = new Thread(this::serve, "dropping-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void serve() {
    while (true) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
        throw new UncheckedIOException(e);
      }
      int number = connections.incrementAndGet();
      try (client) {
        readHead(client.getInputStream());
        if (number > drops) {
          OutputStream out = client.getOutputStream();
          out.write(
              "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
        }
      } catch (IOException clientHungUp) {
        // Counted already; the test asserts on what its client saw.
      }
    }
  }

  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < end.length && (b = in.read()) != -1) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
  }

  int connections() {
    return connections.get();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor.join(5_000);
  }
}
