package dev.perfkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.core.testing.AllAtOnce;
import dev.perfkit.core.testing.CapturedEmf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MetricsSinkTest {

  @Test
  void of_writesEachDocumentOnItsOwnLine_whenEmittersWriteConcurrently() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    MetricsEmitter emitter =
        MetricsEmitter.builder().namespace("Lab").sink(MetricsSink.of(out)).build();
    int threads = 8;
    int perThread = 50;
    AllAtOnce.run(
        threads,
        thread -> {
          for (int i = 0; i < perThread; i++) {
            emitter.newScope().put("Value", thread * 1000 + i, MetricUnit.COUNT).flush();
          }
          return null;
        });

    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(threads * perThread);
    assertThat(lines)
        .extracting(line -> CapturedEmf.parse(line).path("Value").asInt())
        .doesNotHaveDuplicates();
  }

  @Test
  void of_reportsAPrintStreamThatFailed() {
    OutputStream broken =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("closed pipe");
          }
        };
    MetricsSink sink = MetricsSink.of(new PrintStream(broken, false, StandardCharsets.UTF_8));
    byte[] document = "{}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> sink.write(document, 0, document.length))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("print stream reported an error");
  }
}
