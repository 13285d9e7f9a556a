package dev.perfkit.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsEmitterTest {

  private static String[] keys(int count) {
    return IntStream.range(0, count).mapToObj(i -> "Key" + i).toArray(String[]::new);
  }

  @Test
  void build_requiresANamespace() {
    assertThatThrownBy(() -> MetricsEmitter.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("namespace is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "caf\u00e9", "AWS/Lambda"})
  void namespace_rejectsAnInvalidName(String namespace) {
    assertThatThrownBy(() -> MetricsEmitter.builder().namespace(namespace))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("namespace");
  }

  @Test
  void namespace_cannotBeSetTwice() {
    MetricsEmitter.Builder builder = MetricsEmitter.builder().namespace("A");

    assertThatThrownBy(() -> builder.namespace("B"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("namespace was already set");
  }

  @Test
  void dimensionSet_acceptsThirtyKeys() {
    MetricsEmitter emitter = MetricsEmitter.builder().namespace("A").dimensionSet(keys(30)).build();

    assertThat(emitter.dimensionSets())
        .singleElement()
        .satisfies(set -> assertThat(set).hasSize(30));
  }

  @Test
  void dimensionSet_rejectsMoreThanThirtyKeys() {
    MetricsEmitter.Builder builder = MetricsEmitter.builder().namespace("A");

    assertThatThrownBy(() -> builder.dimensionSet(keys(31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a dimension set holds at most 30 keys, got 31");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", ":Colon", "caf\u00e9", "_aws"})
  void dimensionSet_rejectsAnInvalidKey(String key) {
    MetricsEmitter.Builder builder = MetricsEmitter.builder().namespace("A");

    assertThatThrownBy(() -> builder.dimensionSet("FunctionName", key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension key");
  }

  @Test
  void dimensionSet_rejectsAKeyTwice() {
    MetricsEmitter.Builder builder = MetricsEmitter.builder().namespace("A");

    assertThatThrownBy(() -> builder.dimensionSet("FunctionName", "FunctionName"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dimension key 'FunctionName' appears twice");
  }

  @Test
  void dimensionSet_rejectsTheSameSetTwice() {
    MetricsEmitter.Builder builder =
        MetricsEmitter.builder().namespace("A").dimensionSet("FunctionName", "Operation");

    assertThatThrownBy(() -> builder.dimensionSet("Operation", "FunctionName"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("was already added");
  }

  @Test
  void dimensionSets_defaultToOneEmptySet() {
    assertThat(MetricsEmitter.builder().namespace("A").build().dimensionSets())
        .isEqualTo(List.of(List.of()));
  }

  @Test
  void defaultDimension_rejectsAKeyInNoSet() {
    MetricsEmitter.Builder builder =
        MetricsEmitter.builder().namespace("A").dimensionSet("FunctionName");

    assertThatThrownBy(() -> builder.defaultDimension("Operation", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("default dimension 'Operation' is in no dimension set; sets: [[FunctionName]]");
  }
}
