/**
 * JMH benchmarks of perfkit's primitives beside what a Lambda user would pick instead. Each
 * benchmark class carries its run command in its Javadoc; {@code perfkit-bench/BENCHMARKS.md} holds
 * the figures measured so far.
 */
package dev.perfkit.bench;
