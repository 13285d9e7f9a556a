package dev.perfkit.core.apigateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A successful response body: the operation's result, already written as JSON, and how the
 * invocation performed.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record SuccessBody(
    @JsonProperty("result") @JsonRawValue String result,
    @JsonProperty("performance") Performance performance) {}
