/**
 * A local AWS Lambda: the Invoke API on loopback, and execution environments that are real JVMs
 * running the AWS Lambda Java runtime interface client. Start with {@link
 * dev.perfkit.local.lambda.LocalLambda#builder()}; describe functions with {@link
 * dev.perfkit.local.lambda.FunctionConfig}.
 *
 * <p>Runs on Linux (x86_64, aarch64), where the runtime interface client's native library does.
 */
package dev.perfkit.local.lambda;
