package dev.perfkit.lab.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.perfkit.core.testing.RequiredTool;
import dev.perfkit.lab.stack.ColdStartMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rendered template against the JSON schema of AWS SAM templates, kept beside the project in
 * {@code ../shared/schemas} (not copied into it).
 */
class SamSchemaTest {

  private static final Path SCHEMA =
      RenderedTemplate.projectRoot().resolve("../shared/schemas/sam.schema.json").normalize();

  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() {
    RequiredTool.require(
        "the SAM schema at " + SCHEMA,
        Files.isRegularFile(SCHEMA),
        "check the project out beside ../shared (its schemas/ folder)");
    // The SAM schema annotates its properties with keywords of its own: they validate nothing.
    JsonMetaSchema draft4WithSamAnnotations =
        JsonMetaSchema.builder(JsonMetaSchema.getV4())
            .keyword(new NonValidationKeyword("__samPassThrough"))
            .keyword(new NonValidationKeyword("markdownDescription"))
            .build();
    schema =
        JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V4, builder -> builder.metaSchema(draft4WithSamAnnotations))
            .getSchema(RenderedTemplate.readJson(SCHEMA));
  }

  @ParameterizedTest
  @EnumSource(ColdStartMode.class)
  void render_validatesAgainstTheSamSchema(ColdStartMode mode) {
    Set<ValidationMessage> errors = schema.validate(RenderedTemplate.of("user3", mode));

    assertThat(errors).isEmpty();
  }

  @Test
  void validate_misspelledFunctionProperty_isReported() {
    JsonNode template = RenderedTemplate.of("user3", ColdStartMode.NONE);
    ((ObjectNode) template.at("/Resources/LoadTester/Properties")).put("Timout", 900);

    Set<ValidationMessage> errors = schema.validate(template);

    assertThat(errors)
        .extracting(ValidationMessage::getMessage)
        .anySatisfy(message -> assertThat(message).contains("Timout"));
  }

  @Test
  void validate_apiEventWithoutPath_isReported() {
    JsonNode template = RenderedTemplate.of("user3", ColdStartMode.NONE);
    ((ObjectNode)
            template.at(
                "/Resources/PerformanceFunction/Properties/Events/GetPerformance" + "/Properties"))
        .remove("Path");

    assertThat(schema.validate(template)).isNotEmpty();
  }
}
