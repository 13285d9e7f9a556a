/**
 * The local lab run's report: {@link dev.perfkit.lab.report.LabResults}, what each of the lab's
 * tasks measured, and {@link dev.perfkit.lab.report.LabReport}, which writes them as {@code
 * index.html} with XChart charts and {@code results.json}.
 */
package dev.perfkit.lab.report;
