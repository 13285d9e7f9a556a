package dev.perfkit.handlers;

import dev.perfkit.core.Environment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a load test may point at. A caller of the load tester can name any target, so:
 *
 * <ul>
 *   <li>{@code targetUrl}: http or https only. Its host is resolved once, through the {@link
 *       HostResolver}, and every address checked: none may be link-local (169.254.0.0/16,
 *       fe80::/10, which hold the instance metadata service) or the metadata service's IPv6 address
 *       fd00:ec2::254; none may be one of the function's own service endpoints ({@code
 *       AWS_ENDPOINT_URL_LAMBDA}, {@code _DYNAMODB}, {@code _SQS}, {@code AWS_ENDPOINT_URL}),
 *       listed or not, since the Invoke API would bypass the function allow-list; a loopback,
 *       any-local or private address (10/8, 172.16/12, 192.168/16, fc00::/7) only when the URL's
 *       host and port are listed in {@code PERFKIT_ALLOWED_TARGET_HOSTS} as {@code host:port}. IPv4
 *       addresses embedded in IPv6 ones (mapped, compatible, NAT64) are checked as IPv4. The load
 *       test connects to the first address checked and to no other.
 *   <li>{@code targetFunction}: when {@code PERFKIT_ALLOWED_TARGET_FUNCTIONS} is set, only the
 *       functions listed (by name; qualifiers and ARNs are reduced to the name).
 * </ul>
 */
final class LoadTesterTargetPolicy {

  static final String ALLOWED_HOSTS = "PERFKIT_ALLOWED_TARGET_HOSTS";
  static final String ALLOWED_FUNCTIONS = "PERFKIT_ALLOWED_TARGET_FUNCTIONS";
  static final String LAMBDA_ENDPOINT = "AWS_ENDPOINT_URL_LAMBDA";

  /** The variables naming the function's own service endpoints: never a target. */
  static final List<String> SERVICE_ENDPOINTS =
      List.of(
          LAMBDA_ENDPOINT, "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL");

  private static final InetAddress METADATA_IPV6 = literal("fd00:ec2::254");
  private static final byte[] NAT64_PREFIX = {
    0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0
  };

  /**
   * A {@code targetUrl} that passed the checks.
   *
   * @param url the URL as given
   * @param host its host, without brackets, lower case
   * @param port its port, or the scheme's
   * @param address the checked address to connect to
   */
  record CheckedUrl(URI url, String host, int port, InetAddress address) {}

  /** A host and port, as listed in {@code PERFKIT_ALLOWED_TARGET_HOSTS}. */
  private record HostPort(String host, int port) {
    @Override
    public String toString() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
  }

  /** A service endpoint of the function: its variable, host and port, and addresses. */
  private record ServiceEndpoint(String variable, HostPort hostPort, List<InetAddress> addresses) {}

  private final HostResolver resolver;
  private final Set<HostPort> allowedHosts;
  private final List<ServiceEndpoint> serviceEndpoints;
  private final Set<String> allowedFunctions;

  /**
   * @throws IllegalArgumentException when an entry of {@code PERFKIT_ALLOWED_TARGET_HOSTS} is not
   *     {@code host:port}
   */
  LoadTesterTargetPolicy(Environment environment, HostResolver resolver) {
    this.resolver = resolver;
    this.allowedHosts =
        list(environment, ALLOWED_HOSTS).stream()
            .map(LoadTesterTargetPolicy::allowedEntry)
            .collect(Collectors.toUnmodifiableSet());
    this.serviceEndpoints = serviceEndpoints(environment, resolver);
    this.allowedFunctions =
        list(environment, ALLOWED_FUNCTIONS).stream()
            .map(LoadTesterTargetPolicy::functionName)
            .collect(Collectors.toUnmodifiableSet());
  }

  /** Throws a 403 unless {@code target} (name, name:qualifier or ARN) may be invoked. */
  void checkFunction(String target) {
    String name = functionName(target);
    if (!allowedFunctions.isEmpty() && !allowedFunctions.contains(name)) {
      throw LoadTesterException.refused(
          LoadTesterRequest.TARGET_FUNCTION,
          "targetFunction '"
              + target
              + "' (function '"
              + name
              + "') is refused: it is not listed in "
              + ALLOWED_FUNCTIONS);
    }
  }

  /**
   * The address to connect to for {@code url}, after its host was resolved once and every address
   * checked.
   *
   * @throws LoadTesterException a 403 naming the rule that refuses {@code url}, a 400 when it has
   *     no host that resolves
   */
  CheckedUrl checkUrl(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw LoadTesterException.refused(
          LoadTesterRequest.TARGET_URL,
          "targetUrl scheme '" + scheme + "' is refused: only http and https are allowed");
    }
    if (url.getHost() == null) {
      throw LoadTesterException.invalid(
          LoadTesterRequest.TARGET_URL,
          "Invalid value for "
              + "'targetUrl': expected an http or https URL with a host, e.g. "
              + "https://api.example.com/prod/performance");
    }
    HostPort target = new HostPort(bareHost(url.getHost()), port(scheme, url.getPort()));
    List<InetAddress> addresses =
        resolve(target.host())
            .orElseThrow(
                () ->
                    LoadTesterException.invalid(
                        LoadTesterRequest.TARGET_URL,
                        "Invalid value for 'targetUrl': its host '"
                            + target.host()
                            + "' does not resolve"));
    for (InetAddress address : addresses) {
      check(target, address);
    }
    return new CheckedUrl(url, target.host(), target.port(), addresses.get(0));
  }

  private void check(HostPort target, InetAddress resolved) {
    InetAddress address = embeddedIpv4(resolved);
    String shown =
        "targetUrl host '" + target.host() + "' resolves to " + resolved.getHostAddress();
    if (address.equals(METADATA_IPV6)) {
      throw LoadTesterException.refused(
          LoadTesterRequest.TARGET_URL, shown + ", the instance metadata service: refused");
    }
    if (address.isLinkLocalAddress()) {
      throw LoadTesterException.refused(
          LoadTesterRequest.TARGET_URL,
          shown
              + ", a link-local address (169.254.0.0/16, fe80::/10, home of the instance metadata"
              + " service): refused");
    }
    for (ServiceEndpoint endpoint : serviceEndpoints) {
      if (reaches(target, address, endpoint)) {
        throw LoadTesterException.refused(
            LoadTesterRequest.TARGET_URL,
            "targetUrl '"
                + target
                + "' is refused: it is this function's own service endpoint "
                + endpoint.variable()
                + (endpoint.variable().equals(LAMBDA_ENDPOINT)
                    ? " (the Invoke API, which would bypass "
                        + ALLOWED_FUNCTIONS
                        + "): give targetFunction instead"
                    : "; a load test never targets the function's own services"));
      }
    }
    String internal = internalKind(address);
    if (internal != null && !allowedHosts.contains(target)) {
      throw LoadTesterException.refused(
          LoadTesterRequest.TARGET_URL,
          shown
              + ", "
              + internal
              + ": refused unless '"
              + target
              + "' is listed in "
              + ALLOWED_HOSTS
              + " (host:port; "
              + "listed: "
              + listed()
              + ")");
    }
  }

  /** Whether {@code target} at {@code address} is {@code endpoint}: same port, same host. */
  private static boolean reaches(HostPort target, InetAddress address, ServiceEndpoint endpoint) {
    if (endpoint.hostPort().port() != target.port()) {
      return false;
    }
    if (endpoint.hostPort().host().equals(target.host())) {
      return true;
    }
    for (InetAddress served : endpoint.addresses()) {
      // A service on loopback or the any-address is reached through any address of this machine.
      if (served.equals(address) || (isLocal(served) && isLocal(address))) {
        return true;
      }
    }
    return false;
  }

  /** "a loopback address" or "a private address" when {@code address} is one, else null. */
  private static String internalKind(InetAddress address) {
    if (isLocal(address)) {
      return "a loopback address";
    }
    boolean uniqueLocal =
        address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    if (address.isSiteLocalAddress() || uniqueLocal) {
      return "a private address (10/8, 172.16/12, 192.168/16, fc00::/7)";
    }
    return null;
  }

  private static boolean isLocal(InetAddress address) {
    return address.isLoopbackAddress() || address.isAnyLocalAddress();
  }

  private String listed() {
    return allowedHosts.isEmpty()
        ? "none"
        : allowedHosts.stream().map(HostPort::toString).sorted().collect(Collectors.joining(", "));
  }

  private Optional<List<InetAddress>> resolve(String host) {
    try {
      List<InetAddress> addresses = resolver.resolve(host);
      return addresses.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(addresses));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The IPv4 address inside an IPv4-compatible or NAT64 IPv6 address, else the address. */
  private static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] bytes = address.getAddress();
    byte[] prefix = Arrays.copyOf(bytes, 12);
    boolean compatible =
        Arrays.equals(prefix, new byte[12])
            && (bytes[12] != 0 || bytes[13] != 0 || bytes[14] != 0 || (bytes[15] & 0xff) > 1);
    if (!compatible && !Arrays.equals(prefix, NAT64_PREFIX)) {
      return address;
    }
    try {
      return Inet4Address.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are an IPv4 address", e);
    }
  }

  /**
   * The function name in a name, {@code name:qualifier}, partial ARN ({@code
   * 123456789012:function:name}) or ARN ({@code arn:aws:lambda:region:account:function:name}).
   */
  static String functionName(String target) {
    String[] parts = target.split(":", -1);
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equals("function")) {
        return parts[i + 1];
      }
    }
    return parts[0];
  }

  /** {@code host:port} or {@code [ipv6]:port}. */
  private static HostPort allowedEntry(String entry) {
    int colon = entry.lastIndexOf(':');
    String host = colon < 0 ? "" : entry.substring(0, colon);
    boolean bracketed = host.startsWith("[") && host.endsWith("]");
    int port = -1;
    try {
      port = colon < 0 ? -1 : Integer.parseInt(entry.substring(colon + 1));
    } catch (NumberFormatException e) {
      // reported below
    }
    if (host.isEmpty() || (host.indexOf(':') >= 0 && !bracketed) || port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          ALLOWED_HOSTS
              + " entry '"
              + entry
              + "' must be "
              + "host:port, e.g. 127.0.0.1:3000 or [::1]:3000: loopback and private targets are "
              + "allowed by host and port");
    }
    return new HostPort(bareHost(host), port);
  }

  private static List<ServiceEndpoint> serviceEndpoints(
      Environment environment, HostResolver resolver) {
    List<ServiceEndpoint> endpoints = new ArrayList<>();
    for (String variable : SERVICE_ENDPOINTS) {
      Optional<URI> endpoint = environment.get(variable).flatMap(LoadTesterTargetPolicy::uri);
      if (endpoint.isEmpty()
          || endpoint.get().getHost() == null
          || endpoint.get().getScheme() == null) {
        continue;
      }
      URI uri = endpoint.get();
      String host = bareHost(uri.getHost());
      List<InetAddress> addresses;
      try {
        addresses =
            resolver.resolve(host).stream().map(LoadTesterTargetPolicy::embeddedIpv4).toList();
      } catch (UnknownHostException e) {
        addresses = List.of();
      }
      endpoints.add(
          new ServiceEndpoint(
              variable,
              new HostPort(host, port(uri.getScheme().toLowerCase(Locale.ROOT), uri.getPort())),
              addresses));
    }
    return List.copyOf(endpoints);
  }

  private static Optional<URI> uri(String value) {
    try {
      return Optional.of(new URI(value.trim()));
    } catch (URISyntaxException e) {
      // The registry reports a malformed endpoint when it builds the client.
      return Optional.empty();
    }
  }

  private static int port(String scheme, int port) {
    if (port >= 0) {
      return port;
    }
    return scheme.equals("https") ? 443 : 80;
  }

  private static Set<String> list(Environment environment, String variable) {
    return environment
        .get(variable)
        .map(
            value ->
                Arrays.stream(value.split(","))
                    .map(String::trim)
                    .filter(item -> !item.isEmpty())
                    .collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }

  private static String bareHost(String host) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return bare.toLowerCase(Locale.ROOT);
  }

  private static InetAddress literal(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(address + " is a literal address", e);
    }
  }
}
