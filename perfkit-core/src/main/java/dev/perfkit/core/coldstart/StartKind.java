package dev.perfkit.core.coldstart;

/** What kind of start an invocation had, as seen by the caller. */
public enum StartKind {
  /** First invocation of an on-demand execution environment: the caller waited for the init. */
  COLD,
  /** First invocation after provisioned-concurrency init: the init ran before anyone called. */
  PROVISIONED_CONCURRENCY,
  /** First invocation after a SnapStart (CRaC) restore: the init ran when the snapshot was made. */
  SNAPSTART_RESTORE,
  /** Any later invocation of the same execution environment. */
  WARM
}
