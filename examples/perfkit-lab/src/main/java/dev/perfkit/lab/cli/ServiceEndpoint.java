package dev.perfkit.lab.cli;

import dev.perfkit.core.Environment;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where a command's one AWS service is: {@code --endpoint-url} (the local lab's, as {@code
 * perfkit-lab serve} prints it), else the SDK's {@code AWS_ENDPOINT_URL_<SERVICE>}, else AWS in
 * {@code --region} with the SDK's usual credentials. A loopback endpoint gets placeholder
 * credentials when none are set: the local services do not check them.
 */
final class ServiceEndpoint {

  private static final String IGNORE_ENDPOINTS = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description =
          "The service's endpoint, e.g. the local lab's http://127.0.0.1:PORT as "
              + "perfkit-lab serve prints it (default: $AWS_ENDPOINT_URL_<SERVICE>; without either, "
              + "AWS in --region).")
  String endpointUrl;

  @Mixin RegionOption region;

  Environment environment = Environment.system();

  /**
   * The environment of the command's SDK clients for the service whose endpoint variable is {@code
   * variable}, e.g. {@code AWS_ENDPOINT_URL_LAMBDA}.
   *
   * @throws IllegalArgumentException when neither an endpoint nor {@code --region} is given, or the
   *     endpoint is not an http URL
   */
  Environment clients(String variable) {
    Optional<URI> endpoint = endpoint(variable);
    if (endpoint.isEmpty() && !spec.commandLine().getParseResult().hasMatchedOption("--region")) {
      throw new IllegalArgumentException(
          "no endpoint: give --endpoint-url URL of the local lab"
              + " (perfkit-lab serve prints it) or set "
              + variable
              + ", or --region REGION for AWS");
    }
    Map<String, String> overrides = new HashMap<>();
    overrides.put("AWS_REGION", region.region());
    if (endpoint.isPresent()) {
      overrides.put(variable, endpoint.get().toString());
      overrides.put(IGNORE_ENDPOINTS, "false");
      if (isLoopback(endpoint.get()) && environment.get("AWS_ACCESS_KEY_ID").isEmpty()) {
        overrides.put("AWS_ACCESS_KEY_ID", "perfkit-local");
        overrides.put("AWS_SECRET_ACCESS_KEY", "perfkit-local");
      }
    } else {
      overrides.put(IGNORE_ENDPOINTS, "true");
    }
    return name ->
        overrides.containsKey(name) ? Optional.of(overrides.get(name)) : environment.get(name);
  }

  /** Where the service is, in words: the endpoint or the region. */
  String describe(String variable) {
    return endpoint(variable).map(URI::toString).orElse("AWS " + region.region());
  }

  private Optional<URI> endpoint(String variable) {
    String option = "--endpoint-url";
    String value = endpointUrl;
    if (value == null) {
      boolean ignored =
          environment.get(IGNORE_ENDPOINTS).filter("true"::equalsIgnoreCase).isPresent();
      value = ignored ? null : environment.get(variable).orElse(null);
      option = variable;
    }
    if (value == null) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(value.trim());
      String scheme = uri.getScheme();
      if (uri.getHost() != null
          && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // Reported below, as any other value that is not an http URL.
    }
    throw new IllegalArgumentException(
        option
            + " '"
            + value
            + "': expected an http or https URL with a host, e.g. http://127.0.0.1:9001");
  }

  private static boolean isLoopback(URI endpoint) {
    try {
      return InetAddress.getByName(endpoint.getHost()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
