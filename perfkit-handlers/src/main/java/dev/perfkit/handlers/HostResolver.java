package dev.perfkit.handlers;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves the host of a load test's {@code targetUrl} to its addresses. The load tester resolves a
 * host once, checks every address, and connects to the first one it checked: a DNS answer that
 * changes afterwards is never used.
 */
@FunctionalInterface
public interface HostResolver {

  /**
   * The addresses of {@code host}.
   *
   * @param host a host name or an IP literal, without brackets
   * @return at least one address
   * @throws UnknownHostException when the host does not resolve
   */
  List<InetAddress> resolve(String host) throws UnknownHostException;

  /**
   * The system's resolver ({@link InetAddress#getAllByName(String)}).
   *
   * @return the resolver
   */
  static HostResolver system() {
    return host -> List.of(InetAddress.getAllByName(host));
  }
}
