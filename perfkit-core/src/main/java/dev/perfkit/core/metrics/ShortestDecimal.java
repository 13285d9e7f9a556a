package dev.perfkit.core.metrics;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * Writes a metric value as the shortest fixed-point decimal, up to 15 places, that reads back as
 * exactly the value; a whole number without a fraction ({@code 1}, not {@code 1.0}: EMF takes any
 * JSON number). No String is made: Jackson's double writer makes one per value.
 */
final class ShortestDecimal {

  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  /** Beyond this a double no longer holds every integer. */
  private static final double EXACT_INTEGERS = 0x1p53;

  /** Below this, as Java does, an exponent is shorter than the zeros of a fixed point. */
  private static final double SMALLEST_FIXED_POINT = 1e-3;

  private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

  /** Room for the longest decimal written: sign, 16 digits, point, 15 places. */
  static final int MAX_LENGTH = 32;

  private ShortestDecimal() {}

  /**
   * Writes {@code value} with {@code generator}, formatting it in {@code digits} (at least {@link
   * #MAX_LENGTH} chars, reused from call to call).
   *
   * <p>{@code m / 10^k} is the correctly rounded quotient of two exact doubles, i.e. the double
   * nearest to the decimal m·10^-k, which is what a JSON reader makes of that decimal; so when it
   * equals {@code value}, the text round-trips. Other values (1/3, 0.0001, 1e300, -0.0) take
   * Jackson's shortest representation.
   */
  static void write(JsonGenerator generator, double value, char[] digits) throws IOException {
    double magnitude = Math.abs(value);
    long whole = (long) value;
    boolean exact = magnitude < EXACT_INTEGERS;
    if (whole == value) {
      if (exact && Double.doubleToRawLongBits(value) != NEGATIVE_ZERO) {
        generator.writeNumber(whole);
        return;
      }
    } else if (exact && magnitude >= SMALLEST_FIXED_POINT) {
      for (int places = 1; places < POWERS_OF_TEN.length; places++) {
        double scaled = value * POWERS_OF_TEN[places];
        if (Math.abs(scaled) >= EXACT_INTEGERS) {
          break;
        }
        long unscaled = (long) Math.rint(scaled);
        // Necessary for the exact check below, and it spares that division where it must fail.
        if (Math.abs(scaled - unscaled) <= Math.abs(scaled) * 0x1p-51
            && unscaled / POWERS_OF_TEN[places] == value) {
          int begin = format(unscaled, places, digits);
          generator.writeNumber(digits, begin, digits.length - begin);
          return;
        }
      }
    }
    generator.writeNumber(value);
  }

  /** Writes unscaled·10^-places at the end of {@code digits}; returns where it starts. */
  private static int format(long unscaled, int places, char[] digits) {
    int position = digits.length;
    long rest = Math.abs(unscaled);
    int written = 0;
    do {
      digits[--position] = (char) ('0' + rest % 10);
      rest /= 10;
      if (++written == places) {
        digits[--position] = '.';
      }
    } while (rest != 0 || written <= places);
    if (unscaled < 0) {
      digits[--position] = '-';
    }
    return position;
  }
}
