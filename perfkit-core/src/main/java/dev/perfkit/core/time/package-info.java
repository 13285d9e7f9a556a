/**
 * Injectable time: a nanosecond {@link dev.perfkit.core.time.Ticker} and a {@link
 * dev.perfkit.core.time.Sleeper}.
 */
package dev.perfkit.core.time;
