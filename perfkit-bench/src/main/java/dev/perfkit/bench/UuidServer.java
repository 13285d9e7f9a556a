package dev.perfkit.bench;

import dev.perfkit.core.testing.LocalHttpServer;
import java.util.Map;

/**
 * A local stand-in for httpbin.org/uuid, the lab's external call: every GET is answered with
 * httpbin's JSON, {@code {"uuid": "..."}}. It keeps no requests, only the connections they came on,
 * so that a benchmark's millions of calls do not fill the heap.
 */
public final class UuidServer {

  private UuidServer() {}

  /**
   * httpbin's answer.
   *
   * @param uuid the UUID it carries
   * @return the JSON body, as httpbin formats it
   */
  public static String body(String uuid) {
    return "{\n  \"uuid\": \"" + uuid + "\"\n}\n";
  }

  /**
   * A server over HTTP.
   *
   * @param uuid the UUID every answer carries
   * @return the started server
   */
  public static LocalHttpServer http(String uuid) {
    return builder(uuid).start();
  }

  /**
   * A server over HTTPS, under a self-signed certificate its {@link
   * LocalHttpServer#trustingContext()} trusts.
   *
   * @param uuid the UUID every answer carries
   * @return the started server
   */
  public static LocalHttpServer https(String uuid) {
    return builder(uuid).https().start();
  }

  private static LocalHttpServer.Builder builder(String uuid) {
    return LocalHttpServer.builder()
        .answering(200, Map.of("Content-Type", "application/json"), body(uuid))
        .countingConnectionsOnly();
  }
}
