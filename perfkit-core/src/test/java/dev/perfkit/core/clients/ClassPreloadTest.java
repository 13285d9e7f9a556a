package dev.perfkit.core.clients;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassPreloadTest {

  @Test
  void perfkitList_namesThePipelineAndItsDependencies() {
    assertThat(ClassPreload.perfkit().names())
        .contains(
            "dev.perfkit.core.apigateway.ApiGatewayPipeline",
            "dev.perfkit.core.metrics.EmfWriter",
            "com.fasterxml.jackson.databind.ObjectMapper");
  }

  @Test
  void perfkitList_everyEntryLoads() {
    assertThat(ClassPreload.perfkit().load()).isEmpty();
  }

  @Test
  void load_unknownName_isReportedNotThrown() {
    ClassPreload list =
        new ClassPreload("dev/perfkit/core/clients/preload-with-unknown.txt", loader());

    assertThat(list.load()).containsExactly("dev.perfkit.core.NoSuchClass");
  }

  @Test
  void load_noList_loadsNothing() {
    assertThat(new ClassPreload("META-INF/perfkit/absent.txt", loader()).load()).isEmpty();
  }

  private static ClassLoader loader() {
    return ClassPreloadTest.class.getClassLoader();
  }
}
