package dev.perfkit.core.apigateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** An error response body: what went wrong, never how (no stack trace). */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ErrorBody(
    @JsonProperty("error") String error,
    @JsonProperty("error_type") String errorType,
    @JsonProperty("field") String field,
    @JsonProperty("request_id") String requestId,
    @JsonProperty("execution_time_ms") double executionTimeMs) {}
