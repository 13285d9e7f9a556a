package dev.perfkit.lab.local;

import dev.perfkit.local.cloudwatch.LocalCloudWatch;
import dev.perfkit.local.lambda.LocalLambda;
import dev.perfkit.local.sqs.LocalSqs;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The lab's services on this machine, with or without its functions: the local Lambda (its whole
 * API, SQS event source mappings included), SQS, DynamoDB with the stack's table and the {@code
 * /uuid} service. Started alone ({@link LocalLab.Builder#startServices()}), they are what the lab's
 * CLI steps create their functions, versions, alias, queue and mapping on.
 */
public interface LabServices extends AutoCloseable {

  /** The local Lambda. */
  LocalLambda lambda();

  /** The local SQS. */
  LocalSqs sqs();

  /**
   * The local DynamoDB's endpoint; empty when it could not start (Node.js missing, say), in which
   * case the performance function has no table and {@code database_batch} answers 500.
   */
  Optional<URI> dynamoEndpoint();

  /** The local CloudWatch the services feed (LocalLab.Builder#cloudWatch); empty without one. */
  Optional<LocalCloudWatch> cloudWatch();

  /** The URL the performance function's {@code default} operation GETs: a local /uuid service. */
  URI externalUrl();

  /**
   * Where this lab differs from the lab on AWS, one sentence each: scaled settings, a missing
   * DynamoDB, SnapStart not emulated. Print them: results depend on them.
   */
  List<String> notes();

  /** Stops everything started, execution environments and dynalite included. */
  @Override
  void close();
}
