package dev.perfkit.lab.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.perfkit.core.testing.RequiredTool;
import dev.perfkit.lab.stack.ColdStartMode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The template's plain CloudFormation resources, and the values SAM passes through to
 * CloudFormation unchecked by its own schema, against the CloudFormation resource specification
 * pinned in {@code examples/perfkit-lab/package.json}.
 */
class CfnSpecTest {

  private static CfnSpec spec;

  @BeforeAll
  static void installSpecification() throws Exception {
    RequiredTool.require(
        "npm (for the CloudFormation resource specification)",
        NodePackages.npmAvailable(),
        "install Node.js 20 with npm");
    spec =
        CfnSpec.load(
            NodePackages.nodeModules().resolve("@aws-cdk/cfnspec/spec/specification.json"));
  }

  @ParameterizedTest
  @EnumSource(ColdStartMode.class)
  void render_plainResources_matchTheResourceSpecification(ColdStartMode mode) {
    JsonNode resources = RenderedTemplate.of("user3", mode).path("Resources");
    List<String> checked = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = resources.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> resource = it.next();
      if (!resource.getValue().path("Type").asText().startsWith("AWS::Serverless::")) {
        checked.add(resource.getValue().path("Type").asText());
        problems.addAll(spec.check(resource.getKey(), resource.getValue()));
      }
    }

    assertThat(checked)
        .containsExactlyInAnyOrder(
            "AWS::ApiGateway::UsagePlan",
            "AWS::ApiGateway::ApiKey",
            "AWS::ApiGateway::UsagePlanKey",
            "AWS::DynamoDB::Table",
            "AWS::SQS::Queue",
            "AWS::SQS::Queue",
            "AWS::Lambda::EventSourceMapping",
            "AWS::CloudWatch::Dashboard");
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ColdStartMode.class)
  void render_samPassThroughValues_matchTheirCloudFormationTypes(ColdStartMode mode) {
    JsonNode resources = RenderedTemplate.of("user3", mode).path("Resources");
    JsonNode function = resources.at("/PerformanceFunction/Properties");
    List<String> problems = new ArrayList<>();

    for (String id : List.of("PerformanceFunction", "LoadTester", "SqsScaler")) {
      problems.addAll(
          spec.checkPropertyType(
              "AWS::Lambda::Function.Environment",
              id + ".Environment",
              resources.at("/" + id + "/Properties/Environment")));
    }
    if (function.has("SnapStart")) {
      problems.addAll(
          spec.checkPropertyType(
              "AWS::Lambda::Function.SnapStart", "SnapStart", function.path("SnapStart")));
    }
    if (function.has("ProvisionedConcurrencyConfig")) {
      problems.addAll(
          spec.checkPropertyType(
              "AWS::Lambda::Alias.ProvisionedConcurrencyConfiguration",
              "ProvisionedConcurrencyConfig",
              function.path("ProvisionedConcurrencyConfig")));
    }
    for (JsonNode setting : resources.at("/OptimizedApi/Properties/MethodSettings")) {
      problems.addAll(
          spec.checkPropertyType(
              "AWS::ApiGateway::Stage.MethodSetting", "MethodSettings", setting));
    }

    assertThat(problems).isEmpty();
  }

  @Test
  void check_queueWithTheLabsMaxReceiveCountAttribute_reportsTheUnknownProperty() {
    JsonNode queue = queue();
    ((ObjectNode) queue.path("Properties")).put("MaxReceiveCount", "3");

    assertThat(spec.check("Queue", queue))
        .containsExactly("Queue.Properties: unknown property MaxReceiveCount");
  }

  @Test
  void check_textWhereAnIntegerBelongs_isReported() {
    JsonNode queue = queue();
    ((ObjectNode) queue.path("Properties")).put("VisibilityTimeout", "thirty");

    assertThat(spec.check("Queue", queue))
        .containsExactly("Queue.Properties.VisibilityTimeout: expected Integer, got \"thirty\"");
  }

  @Test
  void check_nestedRequiredPropertyMissing_isReported() {
    JsonNode table =
        RenderedTemplate.of("user3", ColdStartMode.NONE).at("/Resources/PerformanceTable");
    ((ObjectNode) table.at("/Properties/TimeToLiveSpecification")).remove("Enabled");

    assertThat(spec.check("Table", table))
        .containsExactly(
            "Table.Properties.TimeToLiveSpecification: required property Enabled is missing");
  }

  @Test
  void check_requiredPropertyMissing_isReported() {
    JsonNode planKey =
        RenderedTemplate.of("user3", ColdStartMode.NONE).at("/Resources/PerformanceUsagePlanKey");
    ((ObjectNode) planKey.path("Properties")).remove("KeyType");

    assertThat(spec.check("PlanKey", planKey))
        .containsExactly("PlanKey.Properties: required property KeyType is missing");
  }

  @Test
  void check_unknownResourceType_isReported() {
    JsonNode queue = queue();
    ((ObjectNode) queue).put("Type", "AWS::SQS::Queues");

    assertThat(spec.check("Queue", queue))
        .containsExactly("Queue: unknown resource type 'AWS::SQS::Queues'");
  }

  private static JsonNode queue() {
    return RenderedTemplate.of("user3", ColdStartMode.NONE).at("/Resources/HighThroughputQueue");
  }
}
