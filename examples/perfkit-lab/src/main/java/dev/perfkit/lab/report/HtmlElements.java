package dev.perfkit.lab.report;

import dev.perfkit.lab.report.Html.Figure;
import dev.perfkit.lab.report.LabResults.Latency;
import java.util.List;
import java.util.Optional;

/** The report page's elements: tables, figures, latency rows and escaped text. */
final class HtmlElements {

  private HtmlElements() {}

  static List<String> latencyRow(String name, Latency latency, String extra) {
    return List.of(
        name,
        Long.toString(latency.count()),
        Summary.ms(latency.p50Ms()),
        Summary.ms(latency.maxMs()),
        extra);
  }

  static void figure(StringBuilder h, Optional<Figure> chart, String caption) {
    chart.ifPresent(
        drawn -> {
          h.append("<figure><img src=\"")
              .append(esc(drawn.file()))
              .append("\" alt=\"")
              .append(esc(drawn.title()))
              .append("\">");
          if (!caption.isEmpty()) {
            h.append("<figcaption>").append(esc(caption)).append("</figcaption>");
          }
          h.append("</figure>\n");
        });
  }

  static void table(StringBuilder h, List<String> header, List<List<String>> rows) {
    h.append("<table>\n<tr>");
    header.forEach(cell -> h.append("<th>").append(esc(cell)).append("</th>"));
    h.append("</tr>\n");
    for (List<String> row : rows) {
      h.append("<tr>");
      for (String cell : row) {
        boolean number =
            !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.charAt(0) == '$');
        boolean json = cell.startsWith("{") || cell.startsWith("[");
        h.append(number ? "<td class=\"n\">" : json ? "<td class=\"j\">" : "<td>")
            .append(esc(cell))
            .append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
