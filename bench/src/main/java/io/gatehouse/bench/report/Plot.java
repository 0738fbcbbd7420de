package io.gatehouse.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws median latency against rule count, one panel per rule shape, one line per engine, both axes logarithmic,
 * as a self-contained SVG (no plotting library is needed on the machine that runs the benchmarks).
 */
final class Plot {

    private static final int PANEL_WIDTH = 340;
    private static final int PANEL_HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final String[] COLOURS = {"#d62728", "#ff7f0e", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b"};

    private final List<Report.Result> results;

    Plot(List<Report.Result> results) {
        this.results = results.stream().filter(r -> r.kind().equals("rules")).toList();
    }

    String svg() {
        int width = LEFT + Report.SHAPES.size() * (PANEL_WIDTH + LEFT) + 120;
        int height = TOP + PANEL_HEIGHT + BOTTOM + 20;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        out.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        double[] range = range();
        for (int p = 0; p < Report.SHAPES.size(); p++) {
            panel(out, Report.SHAPES.get(p), LEFT + p * (PANEL_WIDTH + LEFT), range);
        }
        legend(out, width - 110);
        out.append("</svg>\n");
        return out.toString();
    }

    /** One y range for all panels, in whole decades, so the panels compare at a glance. */
    private double[] range() {
        double low = results.stream().mapToDouble(Report.Result::median).min().orElse(10);
        double high = results.stream().mapToDouble(Report.Result::median).max().orElse(1e6);
        return new double[] {Math.floor(Math.log10(Math.max(low, 1))), Math.ceil(Math.log10(Math.max(high, 10)))};
    }

    private void panel(StringBuilder out, String shape, int x0, double[] range) {
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\" font-weight=\"bold\">%s</text>%n",
                x0, TOP - 15, shape));
        out.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#444\"/>%n", x0, TOP, PANEL_WIDTH, PANEL_HEIGHT));
        for (int decade = (int) range[0]; decade <= range[1]; decade++) {
            double y = y(Math.pow(10, decade), range);
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    x0, x0 + PANEL_WIDTH, y, y));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                    x0 - 5, y + 4, Report.time(Math.pow(10, decade))));
        }
        int[] sizes = {10, 100, 1000, 10000};
        for (int size : sizes) {
            double x = x(size, x0);
            out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%,d</text>%n",
                    x, TOP + PANEL_HEIGHT + 15, size));
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">rules</text>%n",
                x0 + PANEL_WIDTH / 2, TOP + PANEL_HEIGHT + 32));
        for (int e = 0; e < Report.ENGINES.size(); e++) {
            line(out, shape, Report.ENGINES.get(e), COLOURS[e], x0, range);
        }
    }

    private void line(StringBuilder out, String shape, String engine, String colour, int x0, double[] range) {
        Map<Integer, Double> points = new TreeMap<>();
        results.stream().filter(r -> r.family().equals(shape) && r.engine().equals(engine))
                .forEach(r -> points.put(r.size(), r.median()));
        if (points.isEmpty()) {
            return;
        }
        List<String> coordinates = new ArrayList<>();
        points.forEach((size, median) -> coordinates.add(String.format(Locale.ROOT, "%.1f,%.1f", x(size, x0),
                y(median, range))));
        out.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
                + "points=\"%s\"/>%n", colour, String.join(" ", coordinates)));
        for (String point : coordinates) {
            String[] xy = point.split(",");
            out.append(String.format(Locale.ROOT, "<circle cx=\"%s\" cy=\"%s\" r=\"3\" fill=\"%s\"/>%n", xy[0], xy[1],
                    colour));
        }
    }

    private void legend(StringBuilder out, int x) {
        int y = TOP + 10;
        for (int e = 0; e < Report.ENGINES.size(); e++) {
            String engine = Report.ENGINES.get(e);
            if (results.stream().noneMatch(r -> r.engine().equals(engine))) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", x, x + 20, y, y, COLOURS[e]));
            out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 25, y + 4, engine));
            y += 18;
        }
        out.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#444\">median per decision</text>%n",
                x - 10, y + 10));
    }

    private static double x(int size, int x0) {
        double fraction = (Math.log10(size) - 1) / 3.0;
        return x0 + 20 + fraction * (PANEL_WIDTH - 40);
    }

    private static double y(double nanos, double[] range) {
        double fraction = (Math.log10(Math.max(nanos, 1)) - range[0]) / (range[1] - range[0]);
        return TOP + PANEL_HEIGHT - fraction * PANEL_HEIGHT;
    }
}
