/**
 * Honest cold-start detection: {@link dev.perfkit.core.coldstart.ColdStartTracker} tells a cold
 * start (the caller waited for init) from the first invocation after provisioned-concurrency init
 * or a SnapStart restore (the caller did not), and from warm invocations.
 *
 * <pre>{@code
 * InvocationStart start = ColdStartTracker.shared().onInvocation();
 * scope.property("ColdStart", start.isColdStart())
 *     .property("InitType", start.initializationType());
 * }</pre>
 */
package dev.perfkit.core.coldstart;
