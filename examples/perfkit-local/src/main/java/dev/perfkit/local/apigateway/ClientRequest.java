package dev.perfkit.local.apigateway;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the client sent it, read by {@link StageHttpServer}.
 *
 * @param method the request method, e.g. {@code GET}
 * @param rawPath the path, still percent-encoded
 * @param rawQuery the query string, still percent-encoded; null when the target has none
 * @param protocol e.g. {@code HTTP/1.1}
 * @param headers the header names as the client spelled them, in the order sent; the lines of a
 *     name sent several times (in any case) are grouped under its first spelling
 * @param body the body, framed by its {@code Content-Length} or chunked encoding
 * @param sourceIp the client's address
 */
record ClientRequest(
    String method,
    String rawPath,
    String rawQuery,
    String protocol,
    Map<String, List<String>> headers,
    InputStream body,
    String sourceIp) {}
