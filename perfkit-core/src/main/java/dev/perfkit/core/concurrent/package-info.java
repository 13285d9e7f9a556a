/** Threads for perfkit's background work. */
package dev.perfkit.core.concurrent;
