package dev.perfkit.local.cloudwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;

/**
 * The metric math of this local CloudWatch: numbers, the ids of other queries, {@code + - * / ^}
 * and parentheses, arrays {@code [m1, m2]}, and the functions {@code METRICS()} (every metric
 * query, or those whose id contains a text), {@code SUM}, {@code AVG}, {@code MIN}, {@code MAX} (of
 * an array: a time series; of a time series: a number), {@code ABS} and {@code FILL(x, value)}.
 * Arithmetic on two time series pairs the values of equal timestamps, as CloudWatch does; a
 * division by zero has no value. Other CloudWatch functions are refused by name.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html">Using
 *     metric math</a>
 */
final class MetricMath {

  /** What the expression refers to: other queries' series, the metric queries, the grid. */
  record Context(
      Function<String, NavigableMap<Long, Double>> series, List<String> metricIds, TimeGrid grid) {}

  private final String text;
  private final Context context;
  private int position;

  private MetricMath(String text, Context context) {
    this.text = text;
    this.context = context;
  }

  /**
   * The time series {@code expression} computes.
   *
   * @throws IllegalArgumentException naming what is wrong with the expression
   */
  static NavigableMap<Long, Double> evaluate(String expression, Context context) {
    MetricMath parser = new MetricMath(expression, context);
    Object value = parser.expression();
    parser.skipSpaces();
    if (parser.position < expression.length()) {
      throw parser.error("unexpected '" + expression.charAt(parser.position) + "'");
    }
    if (value instanceof Double scalar) {
      NavigableMap<Long, Double> flat = new TreeMap<>();
      for (long i = 0; i < context.grid().count(); i++) {
        flat.put(context.grid().periodStart(i), scalar);
      }
      return flat;
    }
    if (value instanceof List<?> array) {
      if (array.size() != 1) {
        throw new IllegalArgumentException(
            "the expression returns "
                + array.size()
                + " time series; this local CloudWatch returns one per query");
      }
      return series(array.get(0));
    }
    return series(value);
  }

  private Object expression() {
    Object value = term();
    while (true) {
      if (accept('+')) {
        value = combine(value, term(), Double::sum);
      } else if (accept('-')) {
        value = combine(value, term(), (a, b) -> a - b);
      } else {
        return value;
      }
    }
  }

  private Object term() {
    Object value = unary();
    while (true) {
      if (accept('*')) {
        value = combine(value, unary(), (a, b) -> a * b);
      } else if (accept('/')) {
        value = combine(value, unary(), (a, b) -> b == 0 ? Double.NaN : a / b);
      } else {
        return value;
      }
    }
  }

  private Object unary() {
    if (accept('-')) {
      return combine(-1.0, unary(), (a, b) -> a * b);
    }
    Object base = primary();
    if (accept('^')) {
      return combine(base, unary(), Math::pow);
    }
    return base;
  }

  private Object primary() {
    skipSpaces();
    if (position >= text.length()) {
      throw error("the expression ends too early");
    }
    char c = text.charAt(position);
    if (accept('(')) {
      Object value = expression();
      expect(')');
      return value;
    }
    if (accept('[')) {
      List<Object> array = new ArrayList<>();
      do {
        Object element = expression();
        if (element instanceof List<?> nested) {
          array.addAll(nested);
        } else {
          array.add(series(element));
        }
      } while (accept(','));
      expect(']');
      return array;
    }
    if (Character.isDigit(c) || c == '.') {
      int start = position;
      while (position < text.length()
          && (Character.isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
        position++;
      }
      try {
        return Double.valueOf(text.substring(start, position));
      } catch (NumberFormatException e) {
        throw error("'" + text.substring(start, position) + "' is not a number");
      }
    }
    if (Character.isLetter(c)) {
      int start = position;
      while (position < text.length()
          && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
        position++;
      }
      String name = text.substring(start, position);
      if (accept('(')) {
        return function(name.toUpperCase(Locale.ROOT));
      }
      NavigableMap<Long, Double> series = context.series().apply(name);
      if (series == null) {
        throw error("'" + name + "' is not the id of a query in this request");
      }
      return series;
    }
    throw error("unexpected '" + c + "'");
  }

  private Object function(String name) {
    if (name.equals("METRICS")) {
      String filter = "";
      skipSpaces();
      if (accept('"')) {
        int end = text.indexOf('"', position);
        if (end < 0) {
          throw error("the text of METRICS has no closing quote");
        }
        filter = text.substring(position, end);
        position = end + 1;
      }
      expect(')');
      List<Object> array = new ArrayList<>();
      for (String id : context.metricIds()) {
        if (id.contains(filter)) {
          array.add(context.series().apply(id));
        }
      }
      return array;
    }
    List<Object> arguments = new ArrayList<>();
    if (!accept(')')) {
      do {
        arguments.add(expression());
      } while (accept(','));
      expect(')');
    }
    return switch (name) {
      case "SUM" -> reduce(name, arguments, Double::sum);
      case "MIN" -> reduce(name, arguments, Math::min);
      case "MAX" -> reduce(name, arguments, Math::max);
      case "AVG" -> average(arguments);
      case "ABS" -> combine(one(name, arguments), 0.0, (a, ignored) -> Math.abs(a));
      case "FILL" -> fill(arguments);
      default ->
          throw error(
              "function "
                  + name
                  + " is not supported here; supported: METRICS, SUM,"
                  + " AVG, MIN, MAX, ABS, FILL");
    };
  }

  private Object reduce(String name, List<Object> arguments, DoubleBinaryOperator operator) {
    Object argument = one(name, arguments);
    if (argument instanceof List<?> array) {
      NavigableMap<Long, Double> result = new TreeMap<>();
      for (Object element : array) {
        series(element).forEach((t, v) -> result.merge(t, v, operator::applyAsDouble));
      }
      return result;
    }
    if (argument instanceof Double scalar) {
      return scalar;
    }
    return series(argument).values().stream().reduce(operator::applyAsDouble).orElse(Double.NaN);
  }

  private Object average(List<Object> arguments) {
    Object argument = one("AVG", arguments);
    if (argument instanceof List<?> array) {
      NavigableMap<Long, Double> sums = new TreeMap<>();
      Map<Long, Integer> counts = new TreeMap<>();
      for (Object element : array) {
        series(element)
            .forEach(
                (t, v) -> {
                  sums.merge(t, v, Double::sum);
                  counts.merge(t, 1, Integer::sum);
                });
      }
      sums.replaceAll((t, sum) -> sum / counts.get(t));
      return sums;
    }
    if (argument instanceof Double scalar) {
      return scalar;
    }
    return series(argument).values().stream()
        .mapToDouble(Double::doubleValue)
        .average()
        .orElse(Double.NaN);
  }

  private Object fill(List<Object> arguments) {
    if (arguments.size() != 2 || !(arguments.get(1) instanceof Double value)) {
      throw error("FILL takes a time series (or an array) and a number");
    }
    return fillSeries(arguments.get(0), value);
  }

  private Object fillSeries(Object target, double value) {
    if (target instanceof Double scalar) {
      return scalar;
    }
    if (target instanceof List<?> array) {
      List<Object> filled = new ArrayList<>();
      array.forEach(element -> filled.add(fillSeries(element, value)));
      return filled;
    }
    NavigableMap<Long, Double> filled = new TreeMap<>(series(target));
    for (long i = 0; i < context.grid().count(); i++) {
      filled.putIfAbsent(context.grid().periodStart(i), value);
    }
    return filled;
  }

  private Object one(String name, List<Object> arguments) {
    if (arguments.size() != 1) {
      throw error(name + " takes one argument, got " + arguments.size());
    }
    return arguments.get(0);
  }

  /** Applies {@code operator} to numbers, pairs of equal timestamps, or each array element. */
  private Object combine(Object left, Object right, DoubleBinaryOperator operator) {
    if (left instanceof List<?> array) {
      List<Object> result = new ArrayList<>();
      array.forEach(element -> result.add(combine(element, right, operator)));
      return result;
    }
    if (right instanceof List<?> array) {
      List<Object> result = new ArrayList<>();
      array.forEach(element -> result.add(combine(left, element, operator)));
      return result;
    }
    if (left instanceof Double a && right instanceof Double b) {
      return operator.applyAsDouble(a, b);
    }
    NavigableMap<Long, Double> result = new TreeMap<>();
    if (left instanceof Double a) {
      series(right).forEach((t, b) -> put(result, t, operator.applyAsDouble(a, b)));
    } else if (right instanceof Double b) {
      series(left).forEach((t, a) -> put(result, t, operator.applyAsDouble(a, b)));
    } else {
      NavigableMap<Long, Double> other = series(right);
      series(left)
          .forEach(
              (t, a) -> {
                Double b = other.get(t);
                if (b != null) {
                  put(result, t, operator.applyAsDouble(a, b));
                }
              });
    }
    return result;
  }

  private static void put(NavigableMap<Long, Double> series, long timestamp, double value) {
    if (Double.isFinite(value)) {
      series.put(timestamp, value);
    }
  }

  @SuppressWarnings("unchecked")
  private static NavigableMap<Long, Double> series(Object value) {
    if (!(value instanceof NavigableMap)) {
      throw new IllegalArgumentException("a number stands where a time series is needed");
    }
    return (NavigableMap<Long, Double>) value;
  }

  private boolean accept(char c) {
    skipSpaces();
    if (position < text.length() && text.charAt(position) == c) {
      position++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!accept(c)) {
      throw error("'" + c + "' expected");
    }
  }

  private void skipSpaces() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  private IllegalArgumentException error(String problem) {
    return new IllegalArgumentException(problem + " at position " + (position + 1));
  }
}
