/**
 * {@code perfkit-lab run}: {@link dev.perfkit.lab.runner.LabRunner} performs the lab's Tasks 1 to 7
 * against a local lab, unattended, and writes the report.
 */
package dev.perfkit.lab.runner;
