package dev.perfkit.handlers;

import dev.perfkit.core.Environment;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a load test may point at. A caller of the load tester can name any target, so:
 *
 * <ul>
 *   <li>{@code targetUrl}: http or https only; no address of the host may be link-local
 *       (169.254.0.0/16, fe80::/10, which hold the instance metadata service) or the metadata
 *       service's IPv6 address fd00:ec2::254; loopback (and the any-address) only for hosts listed
 *       in {@code PERFKIT_ALLOWED_TARGET_HOSTS}. IPv4 addresses embedded in IPv6 ones (mapped,
 *       compatible, NAT64) are checked as IPv4.
 *   <li>{@code targetFunction}: when {@code PERFKIT_ALLOWED_TARGET_FUNCTIONS} is set, only the
 *       functions listed (by name; qualifiers and ARNs are reduced to the name).
 * </ul>
 *
 * <p>The host is resolved when the test is checked; the HTTP client resolves it again when it
 * connects, so a name whose DNS answer changes in between is not caught.
 */
final class LoadTesterTargetPolicy {

  static final String ALLOWED_HOSTS = "PERFKIT_ALLOWED_TARGET_HOSTS";
  static final String ALLOWED_FUNCTIONS = "PERFKIT_ALLOWED_TARGET_FUNCTIONS";

  private static final InetAddress METADATA_IPV6 = literal("fd00:ec2::254");
  private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0,
      0, 0};

  private final Set<String> allowedHosts;
  private final Set<String> allowedFunctions;

  LoadTesterTargetPolicy(Environment environment) {
    this.allowedHosts = list(environment, ALLOWED_HOSTS).stream()
        .map(LoadTesterTargetPolicy::bareHost)
        .collect(Collectors.toUnmodifiableSet());
    this.allowedFunctions = list(environment, ALLOWED_FUNCTIONS).stream()
        .map(LoadTesterTargetPolicy::functionName)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Throws a 403 unless {@code target} (name, name:qualifier or ARN) may be invoked. */
  void checkFunction(String target) {
    String name = functionName(target);
    if (!allowedFunctions.isEmpty() && !allowedFunctions.contains(name)) {
      throw LoadTesterException.refused(LoadTesterRequest.TARGET_FUNCTION, "targetFunction '"
          + target + "' (function '" + name + "') is refused: it is not listed in "
          + ALLOWED_FUNCTIONS);
    }
  }

  /** Throws a 403 unless {@code url} may be loaded, a 400 when it has no host that resolves. */
  void checkUrl(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw LoadTesterException.refused(LoadTesterRequest.TARGET_URL,
          "targetUrl scheme '" + scheme + "' is refused: only http and https are allowed");
    }
    if (url.getHost() == null) {
      throw LoadTesterException.invalid(LoadTesterRequest.TARGET_URL, "Invalid value for "
          + "'targetUrl': expected an http or https URL with a host, e.g. "
          + "https://api.example.com/prod/performance");
    }
    String host = bareHost(url.getHost());
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw LoadTesterException.invalid(LoadTesterRequest.TARGET_URL,
          "Invalid value for 'targetUrl': its host '" + host + "' does not resolve");
    }
    for (InetAddress address : addresses) {
      check(host, address);
    }
  }

  private void check(String host, InetAddress resolved) {
    InetAddress address = embeddedIpv4(resolved);
    String shown = "targetUrl host '" + host + "' resolves to " + resolved.getHostAddress();
    if (address.equals(METADATA_IPV6)) {
      throw LoadTesterException.refused(LoadTesterRequest.TARGET_URL,
          shown + ", the instance metadata service: refused");
    }
    if (address.isLinkLocalAddress()) {
      throw LoadTesterException.refused(LoadTesterRequest.TARGET_URL, shown
          + ", a link-local address (169.254.0.0/16, fe80::/10, home of the instance metadata"
          + " service): refused");
    }
    if ((address.isLoopbackAddress() || address.isAnyLocalAddress())
        && !allowedHosts.contains(host)) {
      throw LoadTesterException.refused(LoadTesterRequest.TARGET_URL, shown
          + ", a loopback address: refused unless '" + host + "' is listed in " + ALLOWED_HOSTS);
    }
  }

  /** The IPv4 address inside an IPv4-compatible or NAT64 IPv6 address, else the address. */
  private static InetAddress embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return address;
    }
    byte[] bytes = address.getAddress();
    byte[] prefix = Arrays.copyOf(bytes, 12);
    boolean compatible = Arrays.equals(prefix, new byte[12])
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

  private static Set<String> list(Environment environment, String variable) {
    return environment.get(variable)
        .map(value -> Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(item -> !item.isEmpty())
            .collect(Collectors.toUnmodifiableSet()))
        .orElse(Set.of());
  }

  private static String bareHost(String host) {
    String bare = host.startsWith("[") && host.endsWith("]")
        ? host.substring(1, host.length() - 1)
        : host;
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
