package dev.perfkit.local.lambda;

/**
 * An alias as the Lambda API describes it.
 *
 * @param function the function's name
 * @param name the alias name
 * @param version the version it points at
 * @param description its description
 * @param revisionId changes with every update of the alias
 */
record AliasSnapshot(
    String function, String name, String version, String description, String revisionId) {}
