package dev.perfkit.local.apigateway;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * How many requests one API key may make per period, as a usage plan's quota; periods start at
 * midnight UTC. A request over it is answered 429 {@code {"message":"Limit Exceeded"}}.
 *
 * @param limit requests per period, 1 or more
 * @param period the period the count resets after
 */
public record Quota(long limit, Period period) {

  /** The lab's quota: 10000 requests per day. */
  public static final Quota LAB = new Quota(10_000, Period.DAY);

  /**
   * Validates the limit.
   *
   * @param limit requests per period, 1 or more
   * @param period the period the count resets after
   * @throws IllegalArgumentException if {@code limit} is below 1
   */
  public Quota {
    Objects.requireNonNull(period, "period");
    if (limit < 1) {
      throw new IllegalArgumentException("quota limit must be 1 or more, was " + limit);
    }
  }

  /** A quota period; each starts at midnight UTC. */
  public enum Period {
    /** A calendar day. */
    DAY,
    /** An ISO week, from Monday. */
    WEEK,
    /** A calendar month. */
    MONTH;

    /** The first day of the period that holds {@code day}. */
    LocalDate start(LocalDate day) {
      return switch (this) {
        case DAY -> day;
        case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        case MONTH -> day.withDayOfMonth(1);
      };
    }
  }
}
