package io.keel.server.loadtest;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A self-contained HTML report: summary tables plus latency-over-time and throughput charts drawn as inline SVG
 * (no script or network needed to view it). The report's data is embedded too, as JSON, for tools.
 */
public final class HtmlReport {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 220;
    private static final int PAD = 40;

    private HtmlReport() {
    }

    public static String render(ReportDocument doc, ObjectMapper json) {
        LoadResult r = doc.result();
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>keel loadtest: ")
                .append(esc(r.scenario())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}th{background:#f4f4f4}")
                .append(".pass{color:#1a7f37}.fail{color:#c62828}svg{background:#fafafa;border:1px solid #ddd}")
                .append("</style></head><body>");
        html.append("<h1>keel loadtest: ").append(esc(r.scenario())).append("</h1>");
        html.append("<p class=\"").append(doc.verdict().passed() ? "pass" : "fail").append("\"><strong>SLA ")
                .append(esc(doc.verdict().toString())).append("</strong> (p95 &lt; ")
                .append(fmt(doc.sla().p95Ms())).append(" ms, errors &lt; ")
                .append(fmt(doc.sla().maxErrorRate() * 100)).append(" %)</p>");
        html.append(String.format(Locale.ROOT, "<p>%s model, target %.0f req/s, achieved %.1f req/s, %d requests,"
                        + " %d errors, %d late, %d dropped</p>", esc(r.model()), r.targetRate(), r.achievedRate(),
                r.requests(), r.errors(), r.late(), r.dropped()));
        html.append("<table><tr><th>latency (ms)</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th>"
                + "<th>max</th></tr>");
        row(html, "from intended start", r.corrected());
        row(html, "uncorrected", r.uncorrected());
        html.append("</table>");
        if (!r.errorsByKind().isEmpty()) {
            html.append("<h2>Errors by kind</h2><table>");
            r.errorsByKind().forEach((k, v) -> html.append("<tr><td>").append(esc(k)).append("</td><td>").append(v)
                    .append("</td></tr>"));
            html.append("</table>");
        }
        html.append("<h2>Latency over time</h2>");
        html.append(chart("latency-chart", r.timeline(), List.of(
                new Series("p50 ms", "#1f77b4", TimelinePoint::p50Ms),
                new Series("p99 ms", "#d62728", TimelinePoint::p99Ms))));
        html.append("<h2>Throughput</h2>");
        html.append(chart("throughput-chart", r.timeline(), List.of(
                new Series("req/s", "#2ca02c", TimelinePoint::ratePerSecond),
                new Series("errors/s", "#c62828", TimelinePoint::errors))));
        if (doc.capacity() != null) {
            CapacityPlan p = doc.capacity();
            html.append(String.format(Locale.ROOT, "<h2>Capacity</h2><p>%.3f ms CPU per request (%s) &rarr; %.2f cores"
                    + " for %.0f req/s at %.0f %% CPU</p>", p.cpuMsPerRequest(), esc(p.source()), p.coresNeeded(),
                    p.targetRate(), p.ceiling() * 100));
        }
        if (doc.findMaxRate() != null) {
            html.append(String.format(Locale.ROOT, "<h2>Find max</h2><p>highest rate that held the SLA: %.0f req/s</p>"
                    + "<table><tr><th>rate</th><th>achieved</th><th>p95 ms</th><th>error %%</th><th>SLA</th></tr>",
                    doc.findMaxRate()));
            for (ReportDocument.FindMaxStep s : doc.findMaxSteps()) {
                html.append(String.format(Locale.ROOT, "<tr><td>%.0f</td><td>%.1f</td><td>%.2f</td><td>%.3f</td>"
                        + "<td>%s</td></tr>", s.rate(), s.achievedRate(), s.p95Ms(), s.errorRate() * 100,
                        s.passed() ? "pass" : "fail"));
            }
            html.append("</table>");
        }
        html.append("<script type=\"application/json\" id=\"report-data\">").append(jsonFor(doc, json)
                .replace("</", "<\\/")).append("</script>");
        html.append("</body></html>\n");
        return html.toString();
    }

    private record Series(String label, String color, ToDoubleFunction<TimelinePoint> value) {
    }

    private static String chart(String id, List<TimelinePoint> points, List<Series> series) {
        double maxX = points.stream().mapToDouble(TimelinePoint::elapsedSeconds).max().orElse(1);
        double maxY = 0;
        for (Series s : series) {
            maxY = Math.max(maxY, points.stream().mapToDouble(s.value()).max().orElse(0));
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.1;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg id=\"%s\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">", id, WIDTH, HEIGHT, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                PAD, HEIGHT - PAD, WIDTH - 10, HEIGHT - PAD));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                PAD, PAD, HEIGHT - PAD));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"20\" font-size=\"11\">%s</text>", fmt(maxY)));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s s</text>",
                WIDTH - 60, HEIGHT - 5, fmt(maxX)));
        int legendX = PAD + 10;
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (TimelinePoint p : points) {
                double x = PAD + (WIDTH - PAD - 10) * p.elapsedSeconds() / maxX;
                double y = (HEIGHT - PAD) - (HEIGHT - PAD - 10) * s.value().applyAsDouble(p) / maxY;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(s.color())
                    .append("\" data-series=\"").append(esc(s.label())).append("\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\">%s</text>",
                    legendX, HEIGHT - 22, s.color(), esc(s.label())));
            legendX += 90;
        }
        return svg.append("</svg>").toString();
    }

    private static void row(StringBuilder html, String label, Percentiles p) {
        html.append(String.format(Locale.ROOT, "<tr><th>%s</th><td>%.2f</td><td>%.2f</td><td>%.2f</td><td>%.2f</td>"
                + "<td>%.2f</td><td>%.2f</td></tr>", esc(label), p.p50(), p.p90(), p.p95(), p.p99(), p.p999(), p.max()));
    }

    private static String jsonFor(ReportDocument doc, ObjectMapper json) {
        try {
            return json.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report is not serialisable", e);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String esc(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
