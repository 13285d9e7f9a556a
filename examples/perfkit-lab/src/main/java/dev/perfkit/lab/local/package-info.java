/**
 * The lab's whole stack on one machine: {@link dev.perfkit.lab.local.LocalLab} starts the local
 * Lambda with the three functions, DynamoDB (dynalite), the API stage and SQS with its event source
 * mapping from a {@link dev.perfkit.lab.stack.LabStack}, at a {@link
 * dev.perfkit.lab.local.LabScale} a laptop can carry.
 */
package dev.perfkit.lab.local;
