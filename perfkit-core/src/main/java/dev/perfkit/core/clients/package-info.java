/**
 * Pooled HTTP and AWS SDK clients shared across invocations: {@link
 * dev.perfkit.core.clients.ClientRegistry}.
 */
package dev.perfkit.core.clients;
