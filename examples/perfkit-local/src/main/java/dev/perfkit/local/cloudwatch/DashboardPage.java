package dev.perfkit.local.cloudwatch;

import static dev.perfkit.local.cloudwatch.XmlText.escape;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A stored dashboard as a page: its widgets laid out on CloudWatch's 24-column grid, each metric
 * widget drawn ({@link SvgChart}) from the store with its own statistic and period over the
 * dashboard's time range ({@code start} and {@code end} of the body or of the page's query string,
 * relative like {@code -PT3H} or ISO 8601; the last three hours by default), a legend per series,
 * and "No data available" for a widget without datapoints. Each widget carries {@code data-points}
 * (its datapoints in all) and each legend entry its own and its latest value ({@code data-last}),
 * for checks without pixels.
 */
final class DashboardPage {

  /** A page and its HTTP status. */
  record Html(int status, String body) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int COLUMN_PIXELS = 50;
  private static final int ROW_PIXELS = 40;
  private static final Duration DEFAULT_RANGE = Duration.ofHours(3);

  private final Dashboards dashboards;
  private final GetMetricData getMetricData;
  private final Clock clock;
  private final Supplier<StoreUsage> usage;

  DashboardPage(
      Dashboards dashboards, GetMetricData getMetricData, Clock clock, Supplier<StoreUsage> usage) {
    this.dashboards = dashboards;
    this.getMetricData = getMetricData;
    this.clock = clock;
    this.usage = usage;
  }

  Html render(String name, String rawQuery) {
    if (name.isEmpty()) {
      return index();
    }
    Dashboards.Dashboard dashboard = dashboards.get(name).orElse(null);
    if (dashboard == null) {
      return new Html(
          404,
          page("Dashboard not found", "<p>Dashboard " + escape(name) + " does not exist.</p>"));
    }
    JsonNode body;
    try {
      body = JSON.readTree(dashboard.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored dashboard body no longer parses", e);
    }
    Map<String, String> parameters = parameters(rawQuery);
    Instant now = clock.instant();
    Instant start;
    Instant end;
    try {
      start =
          time(
              parameters.getOrDefault("start", body.path("start").asText(null)),
              now,
              now.minus(DEFAULT_RANGE));
      end = time(parameters.getOrDefault("end", body.path("end").asText(null)), now, now);
    } catch (IllegalArgumentException e) {
      return new Html(400, page("Bad time range", "<p>" + escape(e.getMessage()) + "</p>"));
    }
    if (!start.isBefore(end)) {
      return new Html(
          400, page("Bad time range", "<p>start " + start + " is not before end " + end + "</p>"));
    }
    StringBuilder html = new StringBuilder();
    html.append("<p class=\"range\">")
        .append(start.truncatedTo(ChronoUnit.SECONDS))
        .append(" to ")
        .append(end.truncatedTo(ChronoUnit.SECONDS))
        .append("</p>");
    StoreUsage store = usage.get();
    if (!store.complete()) {
      html.append("<p class=\"warning\">The local store reached its bounds: ")
          .append(store.refusedSamples())
          .append(" samples refused, ")
          .append(store.valuesWithoutPercentiles())
          .append(" values without percentiles.</p>");
    }
    html.append("<div class=\"grid\">");
    JsonNode widgets = body.path("widgets");
    for (int i = 0; i < widgets.size(); i++) {
      widget(html, i, widgets.get(i), start, end);
    }
    html.append("</div>");
    return new Html(200, page(name, html.toString()));
  }

  private void widget(StringBuilder html, int index, JsonNode widget, Instant start, Instant end) {
    int x = widget.path("x").asInt(0);
    int y = widget.path("y").asInt(0);
    int width = widget.path("width").asInt(6);
    int height = widget.path("height").asInt(6);
    JsonNode properties = widget.path("properties");
    String type = widget.path("type").asText();
    String title = properties.path("title").asText(type.equals("metric") ? "" : type);
    html.append("<section class=\"widget\" data-index=\"")
        .append(index)
        .append("\" data-type=\"")
        .append(escape(type))
        .append("\" data-title=\"")
        .append(escape(title))
        .append("\" style=\"grid-column:")
        .append(x + 1)
        .append(" / span ")
        .append(width)
        .append(";grid-row:")
        .append(y + 1)
        .append(" / span ")
        .append(height);
    if (!type.equals("metric")) {
      html.append("\"><h2>").append(escape(title)).append("</h2>");
      if (type.equals("text")) {
        html.append("<pre>").append(escape(properties.path("markdown").asText())).append("</pre>");
      } else {
        html.append("<p class=\"nodata\">Widgets of type ")
            .append(escape(type))
            .append(" are not drawn by the local CloudWatch.</p>");
      }
      html.append("</section>");
      return;
    }
    List<WidgetMetrics.Series> series;
    try {
      series = WidgetMetrics.series(getMetricData, properties, start, end);
    } catch (CloudWatchException e) {
      html.append("\" data-points=\"0\"><h2>")
          .append(escape(title))
          .append("</h2><p class=\"nodata\">")
          .append(escape(e.getMessage()))
          .append("</p></section>");
      return;
    }
    int points = series.stream().mapToInt(s -> s.values().size()).sum();
    String stat = properties.path("stat").asText(WidgetMetrics.DEFAULT_STAT);
    int period = properties.path("period").asInt(WidgetMetrics.DEFAULT_PERIOD);
    html.append("\" data-points=\"")
        .append(points)
        .append("\" data-stat=\"")
        .append(escape(stat))
        .append("\" data-period=\"")
        .append(period)
        .append("\"><h2>")
        .append(escape(title))
        .append("</h2><p class=\"meta\">")
        .append(escape(stat))
        .append(", ")
        .append(period)
        .append(" s</p>");
    if (points == 0) {
      html.append("<p class=\"nodata\">No data available.</p>");
    } else {
      html.append(
          SvgChart.render(
              series, start, end, width * COLUMN_PIXELS - 16, height * ROW_PIXELS - 90));
    }
    html.append("<ul class=\"legend\">");
    for (int s = 0; s < series.size(); s++) {
      WidgetMetrics.Series one = series.get(s);
      html.append("<li data-label=\"")
          .append(escape(one.label()))
          .append("\" data-points=\"")
          .append(one.values().size());
      if (!one.values().isEmpty()) {
        html.append("\" data-last=\"").append(one.values().get(one.values().size() - 1));
      }
      html.append("\"><span class=\"swatch\" style=\"background:")
          .append(SvgChart.COLORS[s % SvgChart.COLORS.length])
          .append("\"></span>")
          .append(escape(one.label()))
          .append(" (")
          .append(one.values().size())
          .append(one.values().size() == 1 ? " point)" : " points)")
          .append("</li>");
    }
    html.append("</ul></section>");
  }

  private Html index() {
    StringBuilder html = new StringBuilder("<ul class=\"dashboards\">");
    for (Dashboards.Dashboard dashboard : dashboards.list("")) {
      String name = escape(dashboard.name());
      html.append("<li><a href=\"/dashboards/")
          .append(name)
          .append("\">")
          .append(name)
          .append("</a></li>");
    }
    return new Html(200, page("Dashboards", html.append("</ul>").toString()));
  }

  private static Instant time(String value, Instant now, Instant fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      if (value.startsWith("-P")) {
        return now.minus(Duration.parse(value.substring(1)));
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + value
              + "' is neither a relative time such as"
              + " -PT3H nor an ISO 8601 timestamp");
    }
  }

  private static Map<String, String> parameters(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&", -1)) {
        int equals = pair.indexOf('=');
        if (equals > 0) {
          parameters.put(
              URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return parameters;
  }

  private static String page(String title, String content) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + escape(title)
        + " - local CloudWatch</title><style>"
        + "body{font-family:sans-serif;margin:16px;background:#f2f3f3;color:#16191f}"
        + ".grid{display:grid;grid-template-columns:repeat(24,"
        + COLUMN_PIXELS
        + "px);"
        + "grid-auto-rows:"
        + ROW_PIXELS
        + "px;gap:0}"
        + ".widget{background:#fff;border:1px solid #d5dbdb;margin:4px;padding:4px 8px;"
        + "overflow:hidden}h2{font-size:14px;margin:2px 0}.meta{font-size:11px;color:#687078;"
        + "margin:0}.nodata{color:#687078;text-align:center;margin-top:40px}"
        + ".legend{list-style:none;padding:0;margin:2px 0;font-size:11px}"
        + ".legend li{display:inline-block;margin-right:12px}.swatch{display:inline-block;"
        + "width:10px;height:10px;margin-right:4px}.warning{color:#d13212}</style></head><body>"
        + "<h1>"
        + escape(title)
        + "</h1>"
        + content
        + "</body></html>";
  }
}
