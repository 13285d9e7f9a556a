/**
 * Test fixtures every perfkit module's tests share, packaged as perfkit-core's test-jar: a Lambda
 * {@link dev.perfkit.core.testing.LambdaTestContext}, a {@link
 * dev.perfkit.core.testing.LocalHttpServer} (HTTP or HTTPS) on loopback, a metrics sink that keeps
 * the EMF documents ({@link dev.perfkit.core.testing.CapturedEmf}) and {@link
 * dev.perfkit.core.testing.Eventually#eventually}.
 */
package dev.perfkit.core.testing;
