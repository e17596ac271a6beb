package io.github.abasnn.results.report;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Training dynamics: one line per trial (or per layer) of a quantity against the epoch. */
public final class DynamicsCharts {
    private DynamicsCharts() {}

    /**
     * @param series label -> {epochs, values}, drawn in the map's order
     * @param logY   logarithmic value axis (costs that span decades)
     */
    public static XYChart lines(String title, String yTitle, Map<String, double[][]> series, boolean logY) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title).xAxisTitle("epoch").yAxisTitle(yTitle)
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setXAxisDecimalPattern("0");
        series.forEach((label, xy) -> {
            if (xy[0].length > 0) {
                XYSeries s = chart.addSeries(label, xy[0], xy[1]);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.CIRCLE);
            }
        });
        return chart;
    }

    /** Columns of {@code rows}' epoch and value as the two arrays of one series. */
    static double[][] xy(List<double[]> points) {
        return new double[][] {points.stream().mapToDouble(p -> p[0]).toArray(),
            points.stream().mapToDouble(p -> p[1]).toArray()};
    }
}
