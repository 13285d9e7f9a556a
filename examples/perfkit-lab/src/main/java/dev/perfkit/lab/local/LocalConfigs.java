package dev.perfkit.lab.local;

import dev.perfkit.lab.stack.ApiMethod;
import dev.perfkit.lab.stack.FunctionSpec;
import dev.perfkit.lab.stack.QueueSpec;
import dev.perfkit.lab.stack.RestApi;
import dev.perfkit.lab.stack.UsagePlanSpec;
import dev.perfkit.local.apigateway.HttpMethod;
import dev.perfkit.local.apigateway.MethodSettings;
import dev.perfkit.local.apigateway.Quota;
import dev.perfkit.local.apigateway.StageConfig;
import dev.perfkit.local.apigateway.Throttle;
import dev.perfkit.local.apigateway.UsagePlan;
import dev.perfkit.local.lambda.FunctionConfig;
import dev.perfkit.local.sqs.QueueConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The lab's stack specifications as perfkit-local's configurations of the same parts. */
final class LocalConfigs {

  private LocalConfigs() {}

  /** The function deployed from {@code jar} with {@code environment}, its own settings kept. */
  static FunctionConfig function(FunctionSpec function, Path jar, Map<String, String> environment) {
    FunctionConfig.Builder config =
        FunctionConfig.builder(function.name(), function.handler(), List.of(jar))
            .memoryMb(function.memoryMb())
            .timeout(Duration.ofSeconds(function.timeoutSeconds()))
            .environment(environment);
    function.reservedConcurrency().ifPresent(config::reservedConcurrency);
    function.alias().ifPresent(alias -> config.alias(alias.name(), alias.provisionedConcurrency()));
    return config.build();
  }

  /** The queue, with its dead-letter queue when it has a redrive policy. */
  static QueueConfig queue(QueueSpec queue) {
    QueueConfig.Builder config =
        QueueConfig.builder(queue.name())
            .visibilityTimeout(Duration.ofSeconds(queue.visibilityTimeoutSeconds()))
            .messageRetention(Duration.ofSeconds(queue.messageRetentionSeconds()));
    queue
        .redrive()
        .ifPresent(
            redrive ->
                config
                    .deadLetterQueueName(redrive.deadLetterQueue().name())
                    .maxReceiveCount(redrive.maxReceiveCount()));
    return config.build();
  }

  /** The API's stage: its cache, its methods' settings and its usage plan with {@code apiKey}. */
  static StageConfig stage(RestApi api, String apiKey) {
    StageConfig.Builder config =
        StageConfig.builder()
            .stageName(api.stageName())
            .cacheEnabled(true)
            .cacheTtl(Duration.ofSeconds(api.cacheTtlSeconds()));
    for (ApiMethod method : api.methods()) {
      MethodSettings.Builder settings =
          MethodSettings.builder()
              .apiKeyRequired(method.apiKeyRequired())
              .cachingEnabled(method.cachingEnabled());
      method.cacheKeyQueryParameters().forEach(settings::cacheKeyQueryParameter);
      config.method(HttpMethod.valueOf(method.httpMethod()), settings.build());
    }
    UsagePlanSpec plan = api.usagePlan();
    return config
        .usagePlan(
            UsagePlan.builder(plan.name())
                .throttle(new Throttle(plan.rateLimit(), plan.burstLimit()))
                .quota(
                    new Quota(plan.quotaLimit(), Quota.Period.valueOf(plan.quotaPeriod().name())))
                .apiKey(plan.apiKeyName(), apiKey)
                .build())
        .build();
  }
}
