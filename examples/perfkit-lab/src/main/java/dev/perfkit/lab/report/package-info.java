/**
 * The local lab run's report: {@link dev.perfkit.examples.report.LabResults}, what each of the
 * lab's tasks measured, and {@link dev.perfkit.examples.report.LabReport}, which writes them as
 * {@code index.html} with XChart charts and {@code results.json}.
 */
package dev.perfkit.examples.report;
