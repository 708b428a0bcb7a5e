package io.keyward.bench.report;

import io.keyward.bench.load.LoadResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's plots, as PNG files: throughput per scenario, latency per run, and latency by percentile. */
final class Charts {

    private static final Color KEYWARD = new Color(0x1f5fbf);
    private static final Color KEYCLOAK = new Color(0xd9822b);

    private Charts() {
    }

    static void write(Path directory, List<LoadResult> results) throws IOException {
        System.setProperty("java.awt.headless", "true");
        throughput(directory.resolve("throughput.png"), results);
        latency(directory.resolve("latency.png"), results);
        percentiles(directory.resolve("latency-percentiles.png"), results);
    }

    /** Closed-model throughput, Keyward and Keycloak side by side per scenario. */
    private static void throughput(Path file, List<LoadResult> results) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LoadResult r : results) {
            if (!r.spec().isOpen() && !r.scenario().startsWith("(f)")) {
                data.addValue(r.throughput(), r.system(), category(r.scenario()));
            }
        }
        JFreeChart chart = ChartFactory.createBarChart("Throughput (closed model, same connections)", null,
                "operations per second", data, PlotOrientation.VERTICAL, true, false, false);
        style(chart.getCategoryPlot(), data);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, 600);
    }

    /** p50, p99 and p99.9 of every run, on a log scale. */
    private static void latency(Path file, List<LoadResult> results) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (LoadResult r : results) {
            String run = r.system() + " " + r.scenario().substring(0, 3)
                    + (r.spec().isOpen() ? String.format(Locale.ROOT, " @%.0f/s", r.spec().rate()) : " max");
            data.addValue(Math.max(r.p50(), 0.01), "p50", run);
            data.addValue(Math.max(r.p99(), 0.01), "p99", run);
            data.addValue(Math.max(r.p999(), 0.01), "p99.9", run);
        }
        JFreeChart chart = ChartFactory.createBarChart("Latency per run", null, "milliseconds (log scale)", data,
                PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis axis = new LogAxis("milliseconds (log scale)");
        axis.setSmallestValue(0.01);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
        plot.setRangeAxis(axis);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x7fb3e6));
        renderer.setSeriesPaint(1, KEYWARD);
        renderer.setSeriesPaint(2, new Color(0x0b2a5b));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1300, 700);
    }

    /** Latency by percentile of the fixed-rate runs and of the revocation cut (x: 1 = 90%, 2 = 99%, 3 = 99.9%). */
    private static void percentiles(Path file, List<LoadResult> results) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (LoadResult r : results) {
            if (!r.spec().isOpen() || r.histogram().getTotalCount() == 0) {
                continue;
            }
            XYSeries series = new XYSeries(r.system() + " " + r.scenario()
                    + String.format(Locale.ROOT, " @%.0f/s", r.spec().rate()));
            Histogram histogram = r.histogram();
            for (double nines = 0; nines <= 4.0001; nines += 0.05) {
                double percentile = 100 * (1 - Math.pow(10, -nines));
                series.add(nines, Math.max(histogram.getValueAtPercentile(percentile) / 1e6, 0.01));
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Latency by percentile (fixed-rate runs)",
                "percentile: 0 = 0%, 1 = 90%, 2 = 99%, 3 = 99.9%, 4 = 99.99%", "milliseconds (log scale)", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis axis = new LogAxis("milliseconds (log scale)");
        axis.setSmallestValue(0.01);
        axis.setNumberFormatOverride(new java.text.DecimalFormat("0.##"));
        plot.setRangeAxis(axis);
        ((NumberAxis) plot.getDomainAxis()).setRange(0, 4);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2.5f));
            if (data.getSeriesKey(i).toString().startsWith("Keycloak")) {
                renderer.setSeriesPaint(i, KEYCLOAK);
            }
        }
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 1100, 600);
    }

    private static void style(CategoryPlot plot, DefaultCategoryDataset data) {
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int i = 0; i < data.getRowCount(); i++) {
            renderer.setSeriesPaint(i, data.getRowKey(i).equals("Keycloak") ? KEYCLOAK : KEYWARD);
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        plot.getDomainAxis().setMaximumCategoryLabelLines(3);
    }

    /** Matching scenarios of the two systems share a category: "(b) introspection", "(c) create ...", ... */
    static String category(String scenario) {
        return switch (scenario.substring(0, 3)) {
            case "(a)" -> "(a) GET with PAT";
            case "(b)" -> "(b) introspection";
            case "(c)" -> "(c) create account + credential";
            case "(d)" -> "(d) Keyward: issue + revoke PAT / Keycloak: token";
            case "(e)" -> "(e) search";
            default -> scenario;
        };
    }
}
