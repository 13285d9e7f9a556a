package dev.perfkit.local.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Which process holds the client end of a TCP connection to a loopback server, from Linux's {@code
 * /proc}: the connection's socket inode in {@code /proc/net/tcp} (or {@code tcp6}), then the file
 * descriptors of the process that should hold it and of its descendants.
 */
final class LoopbackPeers {

  private static final Path PROC = Path.of("/proc");
  private static final List<Path> TABLES =
      List.of(PROC.resolve("net/tcp"), PROC.resolve("net/tcp6"));

  private LoopbackPeers() {}

  /** Whether this machine tells (Linux); elsewhere every peer is taken on trust. */
  static boolean supported() {
    return Files.isReadable(TABLES.get(0));
  }

  /**
   * Whether the connection from {@code clientPort} to {@code serverPort} is held by {@code pid} or
   * a process it started. False when the connection is not found (it closed in between).
   */
  static boolean heldBy(long pid, int clientPort, int serverPort) {
    OptionalLong inode = clientSocketInode(clientPort, serverPort);
    if (inode.isEmpty()) {
      return false;
    }
    String socket = "socket:[" + inode.getAsLong() + "]";
    return ProcessHandle.of(pid)
        .map(process -> Stream.concat(Stream.of(process), process.descendants()))
        .orElseGet(Stream::empty)
        .anyMatch(process -> holds(process.pid(), socket));
  }

  /**
   * The inode of the socket whose local port is {@code clientPort} and remote port {@code
   * serverPort}. A line reads {@code sl local_address rem_address st ... uid timeout inode}, the
   * addresses as {@code <hex address>:<hex port>}.
   */
  private static OptionalLong clientSocketInode(int clientPort, int serverPort) {
    String local = String.format(":%04X", clientPort);
    String remote = String.format(":%04X", serverPort);
    for (Path table : TABLES) {
      try (Stream<String> lines = Files.lines(table)) {
        OptionalLong inode =
            lines
                .skip(1)
                .map(line -> line.strip().split("\\s+"))
                .filter(f -> f.length > 9 && f[1].endsWith(local) && f[2].endsWith(remote))
                .mapToLong(f -> Long.parseLong(f[9]))
                .findFirst();
        if (inode.isPresent()) {
          return inode;
        }
      } catch (IOException e) {
        if (Files.exists(table)) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return OptionalLong.empty();
  }

  private static boolean holds(long pid, String socket) {
    try (Stream<Path> descriptors = Files.list(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
      return descriptors.anyMatch(fd -> socket.equals(linkOf(fd)));
    } catch (IOException e) {
      return false; // the process is gone
    }
  }

  private static String linkOf(Path descriptor) {
    try {
      return Files.readSymbolicLink(descriptor).toString();
    } catch (IOException e) {
      return ""; // closed in between
    }
  }
}
