/**
 * A local Amazon CloudWatch: a bounded metric store fed from function logs (embedded metric
 * format), from the local services ({@code AWS/Lambda}, {@code AWS/ApiGateway}, {@code AWS/SQS})
 * and by PutMetricData, an endpoint that answers the AWS CLI, boto3 and the Java SDK in the query,
 * JSON and CBOR protocols, and dashboards drawn as pages. Start with {@link
 * dev.perfkit.local.cloudwatch.LocalCloudWatch#builder()}.
 */
package dev.perfkit.local.cloudwatch;
