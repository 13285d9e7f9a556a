/**
 * CloudWatch Embedded Metric Format (EMF): one document per invocation, written with Jackson's
 * streaming generator.
 *
 * <p>Build one {@link dev.perfkit.core.metrics.MetricsEmitter} per function and open one {@link
 * dev.perfkit.core.metrics.MetricsScope} per invocation:
 *
 * <pre>{@code
 * MetricsEmitter emitter = MetricsEmitter.builder()
 *     .namespace("HighPerformance")
 *     .dimensionSet("FunctionName")
 *     .dimensionSet("FunctionName", "Operation")
 *     .defaultDimension("FunctionName", System.getenv("AWS_LAMBDA_FUNCTION_NAME"))
 *     .build();                               // stdout sink, system clock
 *
 * MetricsScope metrics = emitter.newScope();   // per invocation; any thread may record
 * metrics.dimension("Operation", "database_batch")
 *     .property("RequestId", context.getAwsRequestId())
 *     .property("ColdStart", true)
 *     .put("ExecutionTime", 41.7, MetricUnit.MILLISECONDS)
 *     .put("ColdStarts", 1, MetricUnit.COUNT);
 * metrics.flush();                             // one line of JSON on stdout
 * }</pre>
 *
 * <p>Rules, checked when a value is recorded (or, for the dimension sets, when the emitter is
 * built), each with an {@link java.lang.IllegalArgumentException} naming the offending argument:
 *
 * <ul>
 *   <li>namespace: 1 to 255 of {@code a-zA-Z0-9._#:/-}, not starting with {@code AWS/};
 *   <li>metric name: 1 to 1024 characters, not all whitespace; a finite value; one unit and one
 *       storage resolution per name in a scope (a name recorded again collects an array);
 *   <li>dimension set: at most 30 keys, each 1 to 255 printable ASCII characters not starting with
 *       {@code ':'}; a dimension value: 1 to 1024 printable ASCII characters, not all whitespace;
 *   <li>metric names, dimension keys and property keys are members of one JSON object, so a name
 *       may serve only one of them, and {@code _aws} none.
 * </ul>
 *
 * <p>A dimension named in a set but given no value makes {@link
 * dev.perfkit.core.metrics.MetricsScope#flush()} fail with an {@link
 * java.lang.IllegalStateException} before anything is written: a missing dimension would silently
 * publish the metric under a different identity (or not at all), so the caller has to supply a
 * value (e.g. {@code "unknown"}) and flush again.
 *
 * <p>A scope with no metric writes nothing. The document is split only where EMF forces it: more
 * than 100 metrics, or more than 100 values of one metric; every part repeats the dimensions and
 * properties.
 */
package dev.perfkit.core.metrics;
