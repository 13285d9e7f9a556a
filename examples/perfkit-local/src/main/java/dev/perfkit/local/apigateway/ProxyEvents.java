package dev.perfkit.local.apigateway;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The events of the stage's Lambda proxy integration: an {@link APIGatewayProxyRequestEvent} built
 * from a request, and its JSON as API Gateway sends it to Lambda.
 *
 * <p>The JSON is written field by field with API Gateway's names rather than by binding the class:
 * the class has fields REST events lack ({@code version}, {@code operationName}) and lacks one they
 * have ({@code requestContext.identity.apiKeyId}).
 */
final class ProxyEvents {

  static final String RESOURCE = "/performance";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  private final String stageName;
  private final String accountId;
  private final String apiId;
  private final String resourceId;
  private final int port;

  ProxyEvents(String stageName, String accountId, String apiId, String resourceId, int port) {
    this.stageName = stageName;
    this.accountId = accountId;
    this.apiId = apiId;
    this.resourceId = resourceId;
    this.port = port;
  }

  /** The API key a request was admitted with. */
  record KeyUse(String value, String id) {}

  /** The event of {@code request}, received at {@code time}. */
  APIGatewayProxyRequestEvent event(
      StageRequest request,
      String requestId,
      String extendedRequestId,
      Instant time,
      Optional<KeyUse> key) {
    Map<String, List<String>> headers = new LinkedHashMap<>(request.headers());
    List<String> forwardedFor = new ArrayList<>(request.headerValues("X-Forwarded-For"));
    // API Gateway sets these itself, whatever the client sent under any spelling.
    headers
        .keySet()
        .removeIf(
            name ->
                name.equalsIgnoreCase("X-Forwarded-For")
                    || name.equalsIgnoreCase("X-Forwarded-Port")
                    || name.equalsIgnoreCase("X-Forwarded-Proto"));
    forwardedFor.add(request.sourceIp());
    headers.put("X-Forwarded-For", List.of(String.join(", ", forwardedFor)));
    headers.put("X-Forwarded-Port", List.of(Integer.toString(port)));
    headers.put("X-Forwarded-Proto", List.of("http"));

    RequestIdentity identity =
        new RequestIdentity()
            .withSourceIp(request.sourceIp())
            .withUserAgent(request.header("User-Agent").orElse(null));
    key.ifPresent(use -> identity.setApiKey(use.value()));
    String domainName = request.header("Host").orElse("127.0.0.1:" + port);
    ProxyRequestContext context =
        new ProxyRequestContext()
            .withAccountId(accountId)
            .withApiId(apiId)
            .withDomainName(domainName)
            .withDomainPrefix(domainName.split("[.:]", 2)[0])
            .withExtendedRequestId(extendedRequestId)
            .withHttpMethod(request.method().name())
            .withIdentity(identity)
            .withPath("/" + stageName + RESOURCE)
            .withProtocol(request.protocol())
            .withRequestId(requestId)
            .withRequestTime(REQUEST_TIME.format(time))
            .withRequestTimeEpoch(time.toEpochMilli())
            .withResourceId(resourceId)
            .withResourcePath(RESOURCE)
            .withStage(stageName);

    APIGatewayProxyRequestEvent event =
        new APIGatewayProxyRequestEvent()
            .withResource(RESOURCE)
            .withPath(RESOURCE)
            .withHttpMethod(request.method().name())
            .withHeaders(lastValues(headers))
            .withMultiValueHeaders(headers)
            .withQueryStringParameters(
                request.query().isEmpty() ? null : lastValues(request.query()))
            .withMultiValueQueryStringParameters(request.query().isEmpty() ? null : request.query())
            .withRequestContext(context);
    byte[] body = request.body();
    if (body.length > 0) {
      Optional<String> text = utf8(body);
      event.setBody(text.orElseGet(() -> Base64.getEncoder().encodeToString(body)));
      event.setIsBase64Encoded(text.isEmpty());
    } else {
      event.setIsBase64Encoded(false);
    }
    return event;
  }

  /** The event's JSON with API Gateway's field names; absent values are {@code null}. */
  static byte[] toJson(APIGatewayProxyRequestEvent event, Optional<String> apiKeyId) {
    ObjectNode root = JSON.createObjectNode();
    root.put("resource", event.getResource());
    root.put("path", event.getPath());
    root.put("httpMethod", event.getHttpMethod());
    root.set("headers", tree(event.getHeaders()));
    root.set("multiValueHeaders", tree(event.getMultiValueHeaders()));
    root.set("queryStringParameters", tree(event.getQueryStringParameters()));
    root.set("multiValueQueryStringParameters", tree(event.getMultiValueQueryStringParameters()));
    root.set("pathParameters", tree(event.getPathParameters()));
    root.set("stageVariables", tree(event.getStageVariables()));

    ProxyRequestContext context = event.getRequestContext();
    ObjectNode contextNode = root.putObject("requestContext");
    contextNode.put("accountId", context.getAccountId());
    contextNode.put("apiId", context.getApiId());
    contextNode.put("domainName", context.getDomainName());
    contextNode.put("domainPrefix", context.getDomainPrefix());
    contextNode.put("extendedRequestId", context.getExtendedRequestId());
    contextNode.put("httpMethod", context.getHttpMethod());
    RequestIdentity identity = context.getIdentity();
    ObjectNode identityNode = contextNode.putObject("identity");
    identityNode.put("accessKey", identity.getAccessKey());
    identityNode.put("accountId", identity.getAccountId());
    if (identity.getApiKey() != null) {
      identityNode.put("apiKey", identity.getApiKey());
      identityNode.put("apiKeyId", apiKeyId.orElse(null));
    }
    identityNode.put("caller", identity.getCaller());
    identityNode.put("cognitoAuthenticationProvider", identity.getCognitoAuthenticationProvider());
    identityNode.put("cognitoAuthenticationType", identity.getCognitoAuthenticationType());
    identityNode.put("cognitoIdentityId", identity.getCognitoIdentityId());
    identityNode.put("cognitoIdentityPoolId", identity.getCognitoIdentityPoolId());
    identityNode.put("principalOrgId", identity.getPrincipalOrgId());
    identityNode.put("sourceIp", identity.getSourceIp());
    identityNode.put("user", identity.getUser());
    identityNode.put("userAgent", identity.getUserAgent());
    identityNode.put("userArn", identity.getUserArn());
    contextNode.put("path", context.getPath());
    contextNode.put("protocol", context.getProtocol());
    contextNode.put("requestId", context.getRequestId());
    contextNode.put("requestTime", context.getRequestTime());
    contextNode.put("requestTimeEpoch", context.getRequestTimeEpoch());
    contextNode.put("resourceId", context.getResourceId());
    contextNode.put("resourcePath", context.getResourcePath());
    contextNode.put("stage", context.getStage());

    root.put("body", event.getBody());
    root.put("isBase64Encoded", event.getIsBase64Encoded());
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a tree of strings as JSON", e);
    }
  }

  private static JsonNode tree(Map<String, ?> map) {
    return map == null ? NullNode.getInstance() : JSON.valueToTree(map);
  }

  private static Map<String, String> lastValues(Map<String, List<String>> multi) {
    Map<String, String> last = new LinkedHashMap<>();
    multi.forEach((name, values) -> last.put(name, values.get(values.size() - 1)));
    return last;
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException binary) {
      return Optional.empty();
    }
  }
}
