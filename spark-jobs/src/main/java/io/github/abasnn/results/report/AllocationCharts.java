package io.github.abasnn.results.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * Where the bits went: heatmaps over a sweep's trials (rows) and quantized layers (columns, input first, each named
 * with its weight count) of one allocation quantity, and one trial's energy per layer as bars.
 */
public final class AllocationCharts {
    /** Figure width that fits a laptop screen beside the page margins; the page scales wider charts down anyway. */
    static final int LAPTOP_WIDTH = 1080;
    /** The quantities a heatmap can show, as SQL over the {@code layers} table aliased {@code l}. */
    public static final Map<String, String> QUANTITIES = quantities();

    private AllocationCharts() {}

    private static Map<String, String> quantities() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("weight bits", "l.weight_bits");
        m.put("spike bits per time step", "aggregate(l.spike_bits, 0, (a, b) -> a + b) / size(l.spike_bits)");
        m.put("time steps T", "l.time_steps");
        return m;
    }

    /** One cell: a trial (row label), a layer (column label) and the value. */
    public record Cell(String trial, String layer, double value) {}

    /**
     * A heatmap of {@code cells}; rows and columns keep the order in which they first appear.
     *
     * @param title e.g. "weight bits"
     */
    public static HeatMapChart heatmap(String title, List<Cell> cells) {
        List<String> layers = new ArrayList<>();
        List<String> trials = new ArrayList<>();
        for (Cell c : cells) {
            if (!layers.contains(c.layer())) {
                layers.add(c.layer());
            }
            if (!trials.contains(c.trial())) {
                trials.add(c.trial());
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(LAPTOP_WIDTH)
                .height(Math.min(700, Math.max(300, 30 * trials.size() + 220))).title(title)
                .xAxisTitle("layer (weights)")
                .yAxisTitle("trial").build();
        HeatMapStyler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotContentSize(1);
        st.setXAxisLabelRotation(60);
        st.setShowValue(true).setHeatMapValueDecimalPattern("0.##").setLegendPosition(Styler.LegendPosition.OutsideE);
        st.setRangeColors(new Color[] {new Color(0xf7fbff), new Color(0x6baed6), new Color(0x08306b)});
        List<Number[]> heat = new ArrayList<>();
        for (Cell c : cells) {
            heat.add(new Number[] {layers.indexOf(c.layer()), trials.indexOf(c.trial()), c.value()});
        }
        chart.addSeries(title, layers, trials, heat);
        return chart;
    }

    /** A column label: the layer's name and its weight count (k = thousand). */
    public static String layerLabel(String name, long weights) {
        return weights >= 1000 ? String.format(Locale.ROOT, "%s (%.1fk)", name, weights / 1000.0)
                : name + " (" + weights + ")";
    }

    /** Energy per image of each layer of one trial, in nJ. */
    public static CategoryChart energyBars(String title, List<String> layers, List<Double> energyPj) {
        CategoryChart chart = new CategoryChartBuilder().width(LAPTOP_WIDTH).height(460)
                .title(title).xAxisTitle("layer").yAxisTitle("energy per image (nJ)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setSeriesColors(new Color[] {FrontChart.LEARNED});
        chart.addSeries("energy", layers, energyPj.stream().map(e -> e == null || e.isNaN() ? 0.0 : e / 1e3).toList());
        return chart;
    }
}
