package io.qpwscope.ui.sweep;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.shape.Line;

/**
 * A line chart whose points may carry an interval: a point's extra value {@code double[]{low,
 * high}} is drawn as a whisker (a vertical line with caps) in the series' colour. A whisker
 * longer than the y axis runs to the plot's edge without a cap there; {@link #fitY()} sets the
 * axis to take the intervals in, up to {@value #REACH} times the largest point.
 */
final class IntervalLineChart extends LineChart<String, Number> {
    private static final double CAP = 5;
    static final double REACH = 3;
    private final List<Line> whiskers = new ArrayList<>();

    IntervalLineChart(Axis<String> x, Axis<Number> y) {
        super(x, y);
    }

    /** Whiskers drawn in the last layout (for tests). */
    int whiskerCount() {
        return whiskers.size() / 3;
    }

    /** Sets the y axis (a NumberAxis) to the points and their intervals, capped at {@value #REACH} x the largest point. */
    void fitY() {
        if (!(getYAxis() instanceof javafx.scene.chart.NumberAxis y)) return;
        double lo = Double.MAX_VALUE, top = 0;
        for (Series<String, Number> series : getData()) {
            for (Data<String, Number> d : series.getData()) {
                double v = d.getYValue().doubleValue();
                top = Math.max(top, v);
                lo = Math.min(lo, v);
            }
        }
        if (top <= 0) {
            y.setAutoRanging(true);
            return;
        }
        double hi = top;
        for (Series<String, Number> series : getData()) {
            for (Data<String, Number> d : series.getData()) {
                if (!(d.getExtraValue() instanceof double[] iv) || iv.length != 2) continue;
                if (!Double.isNaN(iv[0])) lo = Math.min(lo, iv[0]);
                if (!Double.isNaN(iv[1])) hi = Math.max(hi, Math.min(iv[1], REACH * top));
            }
        }
        double step = niceStep((hi - Math.max(0, lo)) / 8);
        y.setAutoRanging(false);
        y.setLowerBound(Math.max(0, Math.floor(lo / step - 1) * step));
        y.setUpperBound(Math.ceil(hi / step + 0.5) * step);
        y.setTickUnit(step);
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) if (m * p >= raw) return m * p;
        return 10 * p;
    }

    @Override
    protected void layoutPlotChildren() {
        super.layoutPlotChildren();
        getPlotChildren().removeAll(whiskers);
        whiskers.clear();
        for (int s = 0; s < getData().size(); s++) {
            Series<String, Number> series = getData().get(s);
            for (Data<String, Number> d : series.getData()) {
                if (!(d.getExtraValue() instanceof double[] iv) || iv.length != 2 || Double.isNaN(iv[0]) || Double.isNaN(iv[1])) continue;
                double x = getXAxis().getDisplayPosition(d.getXValue());
                double y0 = getYAxis().getDisplayPosition(iv[0]);
                double y1 = getYAxis().getDisplayPosition(iv[1]);
                double edge0 = getYAxis().getDisplayPosition(lower()), edge1 = getYAxis().getDisplayPosition(upper());
                boolean cut0 = y0 > edge0, cut1 = y1 < edge1; // screen y grows downwards
                y0 = Math.min(y0, edge0);
                y1 = Math.max(y1, edge1);
                String colour = "default-color" + (s % 8);
                whiskers.add(line(x, y0, x, y1, colour));
                whiskers.add(cut0 ? line(x, y0, x, y0, colour) : line(x - CAP, y0, x + CAP, y0, colour));
                whiskers.add(cut1 ? line(x, y1, x, y1, colour) : line(x - CAP, y1, x + CAP, y1, colour));
            }
        }
        getPlotChildren().addAll(whiskers);
    }

    private double lower() {
        return getYAxis() instanceof javafx.scene.chart.NumberAxis n ? n.getLowerBound() : 0;
    }

    private double upper() {
        return getYAxis() instanceof javafx.scene.chart.NumberAxis n ? n.getUpperBound() : Double.MAX_VALUE;
    }

    private static Line line(double x0, double y0, double x1, double y1, String colour) {
        Line l = new Line(x0, y0, x1, y1);
        l.getStyleClass().addAll("chart-series-line", "sweep-whisker", colour);
        l.setManaged(false);
        return l;
    }
}
