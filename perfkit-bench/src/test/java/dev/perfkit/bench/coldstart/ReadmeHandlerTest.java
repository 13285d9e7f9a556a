package dev.perfkit.bench.coldstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The priming benchmark's handler is the README's, and its forks fail when it fails. */
class ReadmeHandlerTest {

  private static final Pattern CORE_EXAMPLE =
      Pattern.compile("<!-- readme-example:core\\b[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern SNAPSTART_EXAMPLE =
      Pattern.compile(
          "<!-- readme-example:snapstart\\b[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void copy_isTheReadmesHandlerClass() throws IOException {
    String readme = readmeBlock(CORE_EXAMPLE).replace("GreetingFunction", "ReadmeHandler");
    String classBody = readme.substring(readme.indexOf("publicclass"), readme.lastIndexOf('}'));

    assertThat(copy()).contains(classBody);
  }

  @Test
  void primed_primesAsTheReadmeSays() throws IOException {
    String readme = readmeBlock(SNAPSTART_EXAMPLE);
    String primeCall = readme.substring(readme.indexOf("pipeline.prime("), readme.lastIndexOf(';'));

    assertThat(copy()).contains("publicPrimed(){super." + primeCall);
  }

  @Test
  void check_failsTheFork_whenNothingWasAnswered() {
    PrimingBenchmark.Unprimed handler = new PrimingBenchmark.Unprimed();
    handler.discardStandardOutput();

    assertThatThrownBy(handler::check)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the measured invocation was answered nothing");
  }

  private static String readmeBlock(Pattern block) throws IOException {
    Matcher example = block.matcher(Files.readString(Path.of("..", "README.md")));
    assertThat(example.find()).as("README.md has the block %s", block).isTrue();
    return code(example.group(1));
  }

  private static String copy() throws IOException {
    return code(
        Files.readString(Path.of("src/main/java/dev/perfkit/bench/coldstart/ReadmeHandler.java")));
  }

  /** Java source without comments or whitespace: what formatting does not change. */
  private static String code(String source) {
    return source
        .replaceAll("(?s)/\\*.*?\\*/", "")
        .replaceAll("//[^\\n]*", "")
        .replaceAll("\\s+", "");
  }
}
