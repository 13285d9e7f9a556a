/**
 * A local Amazon API Gateway REST API stage in front of the local Lambda: {@code GET} and {@code
 * POST /{stage}/performance} as Lambda proxy integrations, with the stage cache, throttling, API
 * keys and usage-plan quotas of API Gateway. Start with {@link
 * dev.perfkit.local.apigateway.ApiStage#builder}; configure with {@link
 * dev.perfkit.local.apigateway.StageConfig}.
 */
package dev.perfkit.local.apigateway;
