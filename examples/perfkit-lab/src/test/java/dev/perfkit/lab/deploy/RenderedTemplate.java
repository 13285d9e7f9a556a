package dev.perfkit.lab.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.perfkit.lab.stack.ColdStartMode;
import dev.perfkit.lab.stack.LabStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.yaml.snakeyaml.Yaml;

/** Renders templates and reads them back as a tree, as CloudFormation would parse them. */
final class RenderedTemplate {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String CODE_URI = "perfkit-handlers/target/handlers-lambda.jar";

  private RenderedTemplate() {}

  static JsonNode of(String username, ColdStartMode mode) {
    return parse(SamTemplate.render(LabStack.forUser(username, mode), CODE_URI));
  }

  static JsonNode parse(String yaml) {
    Object tree = new Yaml().load(yaml);
    return JSON.valueToTree(tree);
  }

  static JsonNode readJson(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
  }

  /** The project root: the nearest directory upwards that holds the Maven wrapper. */
  static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
