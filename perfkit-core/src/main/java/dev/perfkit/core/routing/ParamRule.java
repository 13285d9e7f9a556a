package dev.perfkit.core.routing;

/**
 * What a parameter allows, declared once in its parameter record and used in two places: the
 * record's constructor validates with it, and the pipeline names it when the value has the wrong
 * type (e.g. {@code "concurrency": "ten"}).
 *
 * <p>The pipeline finds the rules of a parameter type in its {@code static final} fields:
 *
 * <pre>{@code
 * record CpuParams(Integer iterations) {
 *   static final IntRange ITERATIONS = IntRange.of("iterations", 0, 100_000_000).withDefault(1000);
 *
 *   CpuParams {
 *     iterations = ITERATIONS.validate(iterations);
 *   }
 * }
 * }</pre>
 */
public interface ParamRule {

  /**
   * The JSON field the rule is about.
   *
   * @return the field's name, e.g. {@code concurrency}
   */
  String field();

  /**
   * The allowed values in words.
   *
   * @return e.g. "an integer from 1 to 1000"
   */
  String allowed();
}
