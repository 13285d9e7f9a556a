package dev.perfkit.local.cloudwatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A time-series chart as inline SVG: one polyline with a dot per datapoint for each series (so a
 * single datapoint shows), the value range on the left, the time range below.
 */
final class SvgChart {

  static final String[] COLORS = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
  };
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int LEFT = 56;
  private static final int BOTTOM = 20;
  private static final int TOP = 8;
  private static final int RIGHT = 8;

  private SvgChart() {}

  static String render(
      List<WidgetMetrics.Series> series, Instant start, Instant end, int width, int height) {
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    for (WidgetMetrics.Series one : series) {
      for (double value : one.values()) {
        low = Math.min(low, value);
        high = Math.max(high, value);
      }
    }
    low = Math.min(low, 0);
    if (high <= low) {
      high = low + 1;
    }
    StringBuilder svg =
        new StringBuilder()
            .append("<svg xmlns=\"http://www.w3.org/2000/svg\"")
            .append(" width=\"")
            .append(width)
            .append("\" height=\"")
            .append(height)
            .append("\" role=\"img\">");
    int plotWidth = width - LEFT - RIGHT;
    int plotHeight = height - TOP - BOTTOM;
    svg.append("<rect x=\"")
        .append(LEFT)
        .append("\" y=\"")
        .append(TOP)
        .append("\" width=\"")
        .append(plotWidth)
        .append("\" height=\"")
        .append(plotHeight)
        .append("\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
    label(svg, LEFT - 4, TOP + 10, "end", number(high));
    label(svg, LEFT - 4, TOP + plotHeight, "end", number(low));
    label(svg, LEFT, height - 4, "start", TIME.format(start));
    label(svg, width - RIGHT, height - 4, "end", TIME.format(end) + " UTC");
    double span = Math.max(1, end.toEpochMilli() - start.toEpochMilli());
    for (int s = 0; s < series.size(); s++) {
      WidgetMetrics.Series one = series.get(s);
      String color = COLORS[s % COLORS.length];
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (int i = 0; i < one.values().size(); i++) {
        double x =
            LEFT
                + plotWidth
                    * (one.timestamps().get(i).toEpochMilli() - start.toEpochMilli())
                    / span;
        double y = TOP + plotHeight * (high - one.values().get(i)) / (high - low);
        points.append(format(x)).append(',').append(format(y)).append(' ');
        dots.append("<circle cx=\"")
            .append(format(x))
            .append("\" cy=\"")
            .append(format(y))
            .append("\" r=\"3\" fill=\"")
            .append(color)
            .append("\"/>");
      }
      if (one.values().size() > 1) {
        svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"")
            .append(color)
            .append("\" points=\"")
            .append(points.toString().strip())
            .append("\"/>");
      }
      svg.append(dots);
    }
    return svg.append("</svg>").toString();
  }

  private static void label(StringBuilder svg, int x, int y, String anchor, String text) {
    svg.append("<text x=\"")
        .append(x)
        .append("\" y=\"")
        .append(y)
        .append("\" font-size=\"11\" fill=\"#555\" text-anchor=\"")
        .append(anchor)
        .append("\">")
        .append(XmlText.escape(text))
        .append("</text>");
  }

  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.valueOf((long) value);
    }
    return String.format(Locale.ROOT, "%.3g", value);
  }

  private static String format(double coordinate) {
    return String.format(Locale.ROOT, "%.1f", coordinate);
  }
}
