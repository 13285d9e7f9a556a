package dev.perfkit.lab.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks CloudFormation resources against the CloudFormation resource specification (the {@code
 * spec/specification.json} of the npm package {@code @aws-cdk/cfnspec}): the type exists, required
 * properties are present, no property is unknown, and each value has the specified shape, down
 * through nested property types. Intrinsic functions stand for any value.
 */
final class CfnSpec {

  private final JsonNode resourceTypes;
  private final JsonNode propertyTypes;

  private CfnSpec(JsonNode specification) {
    this.resourceTypes = specification.path("ResourceTypes");
    this.propertyTypes = specification.path("PropertyTypes");
  }

  static CfnSpec load(Path specificationJson) {
    return new CfnSpec(RenderedTemplate.readJson(specificationJson));
  }

  /** What is wrong with one resource, each problem naming its path; empty when it complies. */
  List<String> check(String logicalId, JsonNode resource) {
    List<String> problems = new ArrayList<>();
    String type = resource.path("Type").asText();
    JsonNode spec = resourceTypes.path(type);
    if (spec.isMissingNode()) {
      problems.add(logicalId + ": unknown resource type '" + type + "'");
      return problems;
    }
    checkStructure(
        type,
        logicalId + ".Properties",
        spec.path("Properties"),
        resource.path("Properties"),
        problems);
    return problems;
  }

  /** What is wrong with a value of a named property type, e.g. AWS::Lambda::Function.SnapStart. */
  List<String> checkPropertyType(String propertyType, String path, JsonNode value) {
    List<String> problems = new ArrayList<>();
    JsonNode spec = propertyTypes.path(propertyType);
    if (spec.isMissingNode()) {
      problems.add(path + ": unknown property type '" + propertyType + "'");
    } else {
      checkStructure(resourceTypeOf(propertyType), path, spec.path("Properties"), value, problems);
    }
    return problems;
  }

  private void checkStructure(
      String resourceType,
      String path,
      JsonNode properties,
      JsonNode value,
      List<String> problems) {
    if (isIntrinsic(value)) {
      return;
    }
    if (!value.isObject() && !value.isMissingNode()) {
      problems.add(path + ": expected an object, got " + value);
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> specified = properties.fields();
    while (specified.hasNext()) {
      Map.Entry<String, JsonNode> property = specified.next();
      if (property.getValue().path("Required").asBoolean() && !value.has(property.getKey())) {
        problems.add(path + ": required property " + property.getKey() + " is missing");
      }
    }
    Iterator<Map.Entry<String, JsonNode>> given = value.fields();
    while (given.hasNext()) {
      Map.Entry<String, JsonNode> property = given.next();
      JsonNode spec = properties.path(property.getKey());
      if (spec.isMissingNode()) {
        problems.add(path + ": unknown property " + property.getKey());
      } else {
        checkValue(
            resourceType, path + "." + property.getKey(), spec, property.getValue(), problems);
      }
    }
  }

  private void checkValue(
      String resourceType, String path, JsonNode spec, JsonNode value, List<String> problems) {
    if (isIntrinsic(value)) {
      return;
    }
    if (spec.has("PrimitiveType")) {
      checkPrimitive(path, spec.path("PrimitiveType").asText(), value, problems);
      return;
    }
    String type = spec.path("Type").asText();
    if (type.equals("List") || type.equals("Map")) {
      boolean list = type.equals("List");
      if (list ? !value.isArray() : !value.isObject()) {
        problems.add(path + ": expected a " + type + ", got " + value);
        return;
      }
      Iterator<Map.Entry<String, JsonNode>> items = value.fields();
      int index = 0;
      for (JsonNode item : value) {
        String itemPath = list ? path + "[" + index++ + "]" : path + "." + items.next().getKey();
        if (spec.has("PrimitiveItemType")) {
          checkPrimitive(itemPath, spec.path("PrimitiveItemType").asText(), item, problems);
        } else {
          checkNamedType(resourceType, itemPath, spec.path("ItemType").asText(), item, problems);
        }
      }
      return;
    }
    checkNamedType(resourceType, path, type, value, problems);
  }

  private void checkNamedType(
      String resourceType, String path, String name, JsonNode value, List<String> problems) {
    JsonNode spec = propertyTypes.path(resourceType + "." + name);
    if (spec.isMissingNode()) {
      spec = propertyTypes.path(name);
    }
    if (spec.isMissingNode()) {
      problems.add(path + ": the specification names an unknown type '" + name + "'");
    } else if (spec.has("Properties")) {
      checkStructure(resourceType, path, spec.path("Properties"), value, problems);
    } else {
      checkValue(resourceType, path, spec, value, problems);
    }
  }

  private static void checkPrimitive(
      String path, String primitive, JsonNode value, List<String> problems) {
    boolean ok =
        switch (primitive) {
          case "String", "Timestamp" -> value.isValueNode() && !value.isNull();
          case "Integer", "Long" -> value.isIntegralNumber() || value.asText().matches("-?\\d+");
          case "Double" -> value.isNumber() || value.asText().matches("-?\\d+(\\.\\d+)?");
          case "Boolean" -> value.isBoolean() || value.asText().matches("true|false");
          case "Json" -> value.isObject() || value.isArray() || value.isTextual();
          default -> false;
        };
    if (!ok) {
      problems.add(path + ": expected " + primitive + ", got " + value);
    }
  }

  private static boolean isIntrinsic(JsonNode value) {
    if (!value.isObject() || value.size() != 1) {
      return false;
    }
    String key = value.fieldNames().next();
    return key.equals("Ref") || key.startsWith("Fn::");
  }

  private static String resourceTypeOf(String propertyType) {
    int dot = propertyType.indexOf('.');
    return dot < 0 ? propertyType : propertyType.substring(0, dot);
  }
}
