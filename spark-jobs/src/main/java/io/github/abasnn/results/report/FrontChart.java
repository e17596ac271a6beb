package io.github.abasnn.results.report;

import io.github.abasnn.results.report.FrontComparison.Point;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Accuracy against a cost for the trials of a sweep, learned and uniform trials as separate series, each arm's
 * Pareto front drawn as a staircase and each point labelled with its target (learned) or bits (uniform); the cost
 * axis is logarithmic when the costs span more than a decade.
 */
public final class FrontChart {
    static final Color LEARNED = new Color(0x1f77b4);
    static final Color UNIFORM = new Color(0xd62728);

    private FrontChart() {}

    public static XYChart draw(String title, String costName, List<Point> points) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(costName)
                .yAxisTitle("test accuracy (%)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        chart.getStyler().setXAxisDecimalPattern("0.###");
        chart.getStyler().setYAxisDecimalPattern("0.#");
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
        double min = points.stream().mapToDouble(Point::cost).min().orElse(1);
        double max = points.stream().mapToDouble(Point::cost).max().orElse(1);
        chart.getStyler().setXAxisLogarithmic(min > 0 && max / min > 10);
        addArm(chart, "learned", LEARNED, points.stream().filter(Point::learned).toList());
        addArm(chart, "uniform", UNIFORM, points.stream().filter(p -> !p.learned()).toList());
        double lo = points.stream().mapToDouble(Point::accuracy).min().orElse(0);
        double hi = points.stream().mapToDouble(Point::accuracy).max().orElse(1);
        double lift = Math.max(0.3, 100 * (hi - lo) * 0.03); // labels just above their points, in axis units
        for (Point p : points) {
            chart.addAnnotation(new AnnotationText(p.label(), p.cost(), 100 * p.accuracy() + lift, false));
        }
        return chart;
    }

    private static void addArm(XYChart chart, String name, Color color, List<Point> arm) {
        if (arm.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name + " trials", arm.stream().mapToDouble(Point::cost).toArray(),
                arm.stream().mapToDouble(p -> 100 * p.accuracy()).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerColor(color)
                .setMarker("learned".equals(name) ? SeriesMarkers.CIRCLE : SeriesMarkers.SQUARE);
        List<double[]> stairs = staircase(arm);
        XYSeries front = chart.addSeries(name + " front", stairs.stream().mapToDouble(p -> p[0]).toArray(),
                stairs.stream().mapToDouble(p -> p[1]).toArray());
        front.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line).setMarker(SeriesMarkers.NONE)
                .setLineColor(color).setLineStyle(new BasicStroke(2f));
    }

    /** The front's corner points (cost, accuracy in %): up at each improving point, flat until the next. */
    static List<double[]> staircase(List<Point> arm) {
        List<Point> sorted = arm.stream().sorted(Comparator.comparingDouble(Point::cost)
                .thenComparing(Comparator.comparingDouble(Point::accuracy).reversed())).toList();
        List<double[]> out = new ArrayList<>();
        double best = Double.NEGATIVE_INFINITY;
        for (Point p : sorted) {
            if (p.accuracy() > best) {
                if (!out.isEmpty()) {
                    out.add(new double[] {p.cost(), 100 * best});
                }
                best = p.accuracy();
                out.add(new double[] {p.cost(), 100 * best});
            }
        }
        return out;
    }
}
