package dev.perfkit.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Declaring a router: its operations, its default, and what it refuses. */
class OperationRouterTest {

  record PingParams() {}

  @Test
  void operations_areInTheOrderTheyWereAdded() {
    OperationRouter router =
        OperationRouter.builder()
            .operation("b", PingParams.class, (params, context) -> "b")
            .operation("a", PingParams.class, (params, context) -> "a")
            .defaultOperation("a")
            .build();

    assertThat(router.operationNames()).containsExactly("b", "a");
    assertThat(router.operations()).extracting(Operation::name).containsExactly("b", "a");
    assertThat(router.defaultOperation()).contains("a");
  }

  @Test
  void defaultOperation_setTwice_fails() {
    OperationRouter.Builder builder = OperationRouter.builder().defaultOperation("a");

    assertThatThrownBy(() -> builder.defaultOperation("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("defaultOperation was already set");
  }

  @Test
  void build_defaultOperationNotAdded_fails() {
    OperationRouter.Builder builder =
        OperationRouter.builder()
            .operation("a", PingParams.class, (params, context) -> "a")
            .defaultOperation("b");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("defaultOperation 'b' is not an operation; operations: [a]");
  }

  @Test
  void build_withoutOperations_fails() {
    assertThatThrownBy(() -> OperationRouter.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least one operation");
  }

  @Test
  void operation_addedTwice_fails() {
    OperationRouter.Builder builder =
        OperationRouter.builder().operation("a", PingParams.class, (params, context) -> "a");

    assertThatThrownBy(() -> builder.operation("a", PingParams.class, (params, context) -> "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("operation 'a' was already added");
  }

  @Test
  void operation_nameWithSpaces_isRejected() {
    assertThatThrownBy(
            () -> Operation.of("cpu intensive", PingParams.class, (params, context) -> "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'cpu intensive'");
  }
}
