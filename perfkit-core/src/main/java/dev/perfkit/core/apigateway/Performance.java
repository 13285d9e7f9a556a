package dev.perfkit.core.apigateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The {@code performance} block of a successful response, with the lab's field names. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Performance(
    @JsonProperty("execution_time_ms") double executionTimeMs,
    @JsonProperty("remaining_time_ms") long remainingTimeMs,
    @JsonProperty("cold_start") boolean coldStart,
    @JsonProperty("init_type") String initType,
    @JsonProperty("init_duration_ms") Double initDurationMs,
    @JsonProperty("memory_limit_mb") Integer memoryLimitMb,
    @JsonProperty("memory_utilization_percent") Double memoryUtilizationPercent) {}
