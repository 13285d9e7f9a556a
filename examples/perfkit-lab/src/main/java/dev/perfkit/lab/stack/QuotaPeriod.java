package dev.perfkit.lab.stack;

/** The period of a usage plan's request quota, as API Gateway names it. */
public enum QuotaPeriod {
  DAY,
  WEEK,
  MONTH
}
