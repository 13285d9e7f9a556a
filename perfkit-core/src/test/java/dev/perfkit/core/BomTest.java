package dev.perfkit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** perfkit-bom against the build it describes, and the README's block against its consumer test. */
class BomTest {

  private static final Pattern README_BLOCK =
      Pattern.compile("<!-- readme-example:bom[^>]*-->\\s*```xml\\n(.*?)```", Pattern.DOTALL);

  @Test
  void bomSdkVersion_isTheOnePerfkitIsBuiltWith() throws Exception {
    assertThat(property(parse(Path.of("bom", "pom.xml")), "awssdk.version"))
        .isEqualTo(property(parse(Path.of("..", "pom.xml")), "awssdk.version"));
  }

  @Test
  void bomSlf4jVersion_isTheOnePerfkitIsBuiltWith() throws Exception {
    assertThat(property(parse(Path.of("bom", "pom.xml")), "slf4j.version"))
        .isEqualTo(property(parse(Path.of("..", "pom.xml")), "slf4j.version"));
  }

  @Test
  void readmeDependencyBlock_isTheConsumerTestsDependencies() throws Exception {
    Matcher block = README_BLOCK.matcher(Files.readString(Path.of("..", "README.md")));
    assertThat(block.find()).as("README.md has a readme-example:bom xml block").isTrue();
    Document readme =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(
                new ByteArrayInputStream(("<project>" + block.group(1) + "</project>").getBytes()));
    Document consumer = parse(Path.of("bom", "src", "it", "consumer", "pom.xml"));
    String version = property(parse(Path.of("..", "pom.xml")), "version");

    List<String> consumerCoordinates = coordinates(consumer, version);
    assertThat(consumerCoordinates.subList(0, coordinates(readme, version).size()))
        .isEqualTo(coordinates(readme, version));
  }

  private static Document parse(Path pom) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
  }

  /** A top-level property of {@code pom}, or its own {@code version}. */
  private static String property(Document pom, String name) {
    NodeList found = pom.getDocumentElement().getElementsByTagName(name);
    return found.getLength() == 0 ? null : found.item(0).getTextContent().strip();
  }

  /** Each dependency, in order, as group:artifact:version:type:scope (versions resolved). */
  private static List<String> coordinates(Document pom, String perfkitVersion) {
    List<String> coordinates = new ArrayList<>();
    NodeList dependencies = pom.getElementsByTagName("dependency");
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      String version =
          text(dependency, "version")
              .replace("${perfkit.version}", perfkitVersion)
              .replace("@project.version@", perfkitVersion);
      coordinates.add(
          String.join(
              ":",
              text(dependency, "groupId"),
              text(dependency, "artifactId"),
              version,
              text(dependency, "type"),
              text(dependency, "scope")));
    }
    return coordinates;
  }

  private static String text(Element element, String child) {
    NodeList found = element.getElementsByTagName(child);
    return found.getLength() == 0 ? "" : found.item(0).getTextContent().strip();
  }
}
