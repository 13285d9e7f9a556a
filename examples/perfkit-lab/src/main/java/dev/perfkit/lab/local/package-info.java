/**
 * The lab's whole stack on one machine: {@link dev.perfkit.examples.lab.LocalLab} starts the local
 * Lambda with the three functions, DynamoDB (dynalite), the API stage and SQS with its event
 * source mapping from a {@link dev.perfkit.examples.stack.LabStack}, at a {@link
 * dev.perfkit.examples.lab.LabScale} a laptop can carry.
 */
package dev.perfkit.examples.lab;
