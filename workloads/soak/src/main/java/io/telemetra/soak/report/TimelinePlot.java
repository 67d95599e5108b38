package io.telemetra.soak.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Stroke;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTitleAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a soak run as one PNG: throughput, freshness, API errors and memory stacked on one time
 * axis, with every fault as a band across all panels and its recovery as a line, so that a reader
 * sees at a glance what each fault did to the pipeline and how long it took to heal — numbers in a
 * table do not show a slow leak or a backlog draining.
 *
 * <p>Gaps in a line are deliberate: no freshness reading, no API probe, or a process that was not
 * running are left blank rather than drawn as zero.
 */
public final class TimelinePlot {

  static final int WIDTH = 1400;
  static final int HEIGHT = 1100;

  /** Fault bands are this colour at {@link #FAULT_ALPHA} over the white plot background. */
  static final Color FAULT_COLOUR = new Color(0xE6, 0x55, 0x0A);

  static final float FAULT_ALPHA = 0.2f;

  private static final Color RECOVERED_COLOUR = new Color(0x1E, 0x8C, 0x3C);

  /** Runs longer than this are labelled in minutes: thousands of seconds are hard to read. */
  private static final double LONGEST_RUN_IN_SECONDS = 600;

  /** Tableau 10: distinct for the colour-blind, and dark enough on white. */
  private static final Color[] PALETTE = {
    new Color(0x4E, 0x79, 0xA7),
    new Color(0xF2, 0x8E, 0x2B),
    new Color(0x59, 0xA1, 0x4F),
    new Color(0xE1, 0x57, 0x59),
    new Color(0x76, 0xB7, 0xB2),
    new Color(0xB0, 0x7A, 0xA1),
    new Color(0xED, 0xC9, 0x48),
    new Color(0x9C, 0x75, 0x5F),
    new Color(0xFF, 0x9D, 0xA7),
    new Color(0xBA, 0xB0, 0xAC)
  };

  private static final Color PRODUCED_COLOUR = new Color(0x4E, 0x79, 0xA7);
  private static final Color COMMITTED_COLOUR = new Color(0x2C, 0x2C, 0x2C);
  private static final Color FRESHNESS_COLOUR = new Color(0x76, 0x4B, 0xA8);
  private static final Color ERROR_COLOUR = new Color(0xC0, 0x28, 0x28);

  private static final Stroke SOLID = new BasicStroke(1.8f);
  private static final Stroke DASHED =
      new BasicStroke(
          1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 4f}, 0f);

  private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 20);
  private static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font LEGEND_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
  private static final Font FAULT_LABEL_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);

  /** Room above the data of the top panel: the legend row, then three staggered fault labels. */
  private static final double LEGEND_ROW_PX = 28;

  private static final double FAULT_LABEL_ROW_PX = 17;
  private static final int FAULT_LABEL_ROWS = 3;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private TimelinePlot() {}

  /**
   * Renders the run to {@code png} (created, or replaced).
   *
   * @throws IllegalArgumentException if there are no samples: an empty plot would hide that the
   *     harness recorded nothing
   */
  public static void write(String title, List<Sample> samples, List<FaultWindow> faults, Path png)
      throws IOException {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(png, "png");
    if (samples.isEmpty()) {
      throw new IllegalArgumentException(
          "no samples to plot for \"" + title + "\": the soak run recorded none");
    }
    TimeScale time = TimeScale.of(samples, faults);

    CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time.axis());
    plot.setGap(14);
    List<XYPlot> panels =
        List.of(
            throughputPanel(samples, time),
            freshnessPanel(samples, time),
            errorRatePanel(samples, time),
            memoryPanel(samples, time));
    int[] weights = {3, 2, 2, 3};
    for (int i = 0; i < panels.size(); i++) {
      drawFaults(panels.get(i), faults, time, i == 0);
      plot.add(panels.get(i), weights[i]);
    }

    JFreeChart chart = new JFreeChart(title, TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(4, 8, 8, 16));

    Path parent = png.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(png))) {
      ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
    }
  }

  private static XYPlot throughputPanel(List<Sample> samples, TimeScale time) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series("produced (events/s)", samples, time, Sample::producedPerSecond));
    data.addSeries(series("committed (events/s)", samples, time, Sample::committedPerSecond));
    XYLineAndShapeRenderer lines = lines();
    lines.setSeriesPaint(0, PRODUCED_COLOUR);
    lines.setSeriesPaint(1, COMMITTED_COLOUR);
    lines.setSeriesStroke(1, new BasicStroke(1.4f));

    XYPlot panel = panel(data, lines, "events/s");
    // The legend row and the fault labels take the upper third of this panel.
    panel.getRangeAxis().setRange(0, headroom(data, 1, 1.55));

    LegendItemCollection legend = panel.getLegendItems();
    legend.add(new LegendItem("fault window", "", "", "", legendBox(), bandOnWhite()));
    legend.add(
        new LegendItem(
            "recovered", "", "", "", legendLine(), new BasicStroke(2f), RECOVERED_COLOUR));
    addLegend(panel, legend);
    return panel;
  }

  private static XYPlot freshnessPanel(List<Sample> samples, TimeScale time) {
    return singleLinePanel(
        "freshness: newest committed window behind newest event (s)",
        "freshness (s)",
        FRESHNESS_COLOUR,
        Double.POSITIVE_INFINITY,
        samples,
        time,
        s -> s.freshnessSeconds() == null ? Double.NaN : s.freshnessSeconds());
  }

  private static XYPlot errorRatePanel(List<Sample> samples, TimeScale time) {
    return singleLinePanel(
        "API errors (% of probe requests in the interval)",
        "API errors (%)",
        ERROR_COLOUR,
        130,
        samples,
        time,
        s -> s.apiRequests() == 0 ? Double.NaN : 100.0 * s.apiErrors() / s.apiRequests());
  }

  private static XYPlot singleLinePanel(
      String name,
      String unit,
      Color colour,
      double highestTop,
      List<Sample> samples,
      TimeScale time,
      ToDoubleFunction<Sample> y) {
    XYSeriesCollection data = new XYSeriesCollection();
    data.addSeries(series(name, samples, time, y));
    XYLineAndShapeRenderer lines = lines();
    lines.setSeriesPaint(0, colour);
    XYPlot panel = panel(data, lines, unit);
    panel.getRangeAxis().setRange(lowest(data), Math.min(headroom(data, 1, 1.3), highestTop));
    addLegend(panel, panel.getLegendItems());
    return panel;
  }

  /**
   * One colour per process, sorted by name so the same process keeps its colour from run to run;
   * RSS solid, JVM heap dashed in the same colour.
   */
  private static XYPlot memoryPanel(List<Sample> samples, TimeScale time) {
    SortedSet<String> processes = new TreeSet<>();
    samples.forEach(s -> processes.addAll(s.memory().keySet()));

    XYSeriesCollection data = new XYSeriesCollection();
    XYLineAndShapeRenderer lines = lines();
    int colour = 0;
    for (String process : processes) {
      Color paint = PALETTE[colour++ % PALETTE.length];
      data.addSeries(
          series(process + " RSS", samples, time, s -> memoryOf(s, process, ProcessMemory::rssMb)));
      lines.setSeriesPaint(data.getSeriesCount() - 1, paint);
      boolean jvm =
          samples.stream().map(s -> s.memory().get(process)).anyMatch(m -> m != null && m.isJvm());
      if (jvm) {
        data.addSeries(
            series(
                process + " heap after GC",
                samples,
                time,
                s -> memoryOf(s, process, ProcessMemory::heapUsedMb)));
        lines.setSeriesPaint(data.getSeriesCount() - 1, paint);
        lines.setSeriesStroke(data.getSeriesCount() - 1, DASHED);
      }
    }
    XYPlot panel = panel(data, lines, "memory (MB)");
    panel.getRangeAxis().setRange(0, headroom(data, 1, 1.35));
    addLegend(panel, panel.getLegendItems());
    return panel;
  }

  private static double memoryOf(
      Sample sample, String process, ToDoubleFunction<ProcessMemory> measure) {
    ProcessMemory memory = sample.memory().get(process);
    return memory == null ? Double.NaN : measure.applyAsDouble(memory);
  }

  /** A NaN y leaves a gap: the renderer draws no segment to or from it. */
  private static XYSeries series(
      String name, List<Sample> samples, TimeScale time, ToDoubleFunction<Sample> y) {
    XYSeries series = new XYSeries(name, false, true);
    for (Sample sample : samples) {
      series.add(time.x(sample.seconds()), y.applyAsDouble(sample));
    }
    return series;
  }

  private static XYLineAndShapeRenderer lines() {
    XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, false);
    lines.setDefaultStroke(SOLID);
    lines.setAutoPopulateSeriesStroke(false);
    lines.setLegendLine(new Line2D.Double(-14, 0, 14, 0));
    return lines;
  }

  private static XYPlot panel(XYSeriesCollection data, XYLineAndShapeRenderer lines, String unit) {
    NumberAxis axis = new NumberAxis(unit);
    axis.setLabelFont(AXIS_FONT);
    axis.setTickLabelFont(TICK_FONT);
    XYPlot panel = new XYPlot(data, null, axis, lines);
    panel.setBackgroundPaint(Color.WHITE);
    panel.setDomainGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    panel.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
    panel.setDomainGridlineStroke(new BasicStroke(0.8f));
    panel.setRangeGridlineStroke(new BasicStroke(0.8f));
    panel.setOutlinePaint(new Color(0x99, 0x99, 0x99));
    return panel;
  }

  /**
   * The top of a range axis: the data's maximum (at least {@code floor}) times {@code factor}, so
   * the legend drawn in the upper band of the panel does not cover the lines.
   */
  private static double headroom(XYSeriesCollection data, double floor, double factor) {
    Number max = DatasetUtils.findMaximumRangeValue(data);
    double top = max == null || Double.isNaN(max.doubleValue()) ? 0 : max.doubleValue();
    return Math.max(top, floor) * factor;
  }

  private static double lowest(XYSeriesCollection data) {
    Number min = DatasetUtils.findMinimumRangeValue(data);
    return min == null || Double.isNaN(min.doubleValue()) ? 0 : Math.min(0, min.doubleValue());
  }

  private static void addLegend(XYPlot panel, LegendItemCollection items) {
    LegendTitle legend = new LegendTitle(() -> items);
    legend.setItemFont(LEGEND_FONT);
    legend.setBackgroundPaint(new Color(255, 255, 255, 225));
    legend.setFrame(new BlockBorder(new Color(0xBB, 0xBB, 0xBB)));
    legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 14));
    XYTitleAnnotation annotation =
        new XYTitleAnnotation(0.004, 0.99, legend, RectangleAnchor.TOP_LEFT);
    annotation.setMaxWidth(0.95);
    panel.addAnnotation(annotation);
  }

  /**
   * Bands behind the lines in every panel; names only in the top panel, below its legend and
   * staggered over three rows so short faults close together do not overprint each other.
   */
  private static void drawFaults(
      XYPlot panel, List<FaultWindow> faults, TimeScale time, boolean labelled) {
    for (int i = 0; i < faults.size(); i++) {
      FaultWindow fault = faults.get(i);
      IntervalMarker band =
          new IntervalMarker(time.x(fault.startSeconds()), time.x(fault.endSeconds()));
      // Translucent paint rather than Marker.setAlpha, which would fade the label as well.
      band.setPaint(
          new Color(
              FAULT_COLOUR.getRed(),
              FAULT_COLOUR.getGreen(),
              FAULT_COLOUR.getBlue(),
              Math.round(FAULT_ALPHA * 255)));
      band.setAlpha(1f);
      band.setOutlinePaint(null);
      if (labelled) {
        label(band, fault, i, time);
      }
      panel.addDomainMarker(band, Layer.BACKGROUND);
      if (fault.recoveredSeconds() != null) {
        ValueMarker recovered = new ValueMarker(time.x(fault.recoveredSeconds()));
        recovered.setPaint(RECOVERED_COLOUR);
        recovered.setStroke(new BasicStroke(1.5f));
        panel.addDomainMarker(recovered, Layer.FOREGROUND);
      }
    }
  }

  private static void label(IntervalMarker band, FaultWindow fault, int index, TimeScale time) {
    band.setLabel(fault.name());
    band.setLabelFont(FAULT_LABEL_FONT);
    band.setLabelPaint(new Color(0x5A, 0x22, 0x00));
    band.setLabelBackgroundColor(new Color(255, 255, 255, 200));
    double top = LEGEND_ROW_PX + (index % FAULT_LABEL_ROWS) * FAULT_LABEL_ROW_PX;
    band.setLabelOffset(new RectangleInsets(top, 3, 3, 3));
    // A fault late in the run is labelled leftwards from its end, so its name stays on the chart.
    boolean late = time.x(fault.startSeconds()) > time.lower() + 0.75 * time.length();
    band.setLabelAnchor(late ? RectangleAnchor.TOP_RIGHT : RectangleAnchor.TOP_LEFT);
    band.setLabelTextAnchor(late ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
  }

  private static Rectangle2D legendBox() {
    return new Rectangle2D.Double(-8, -6, 16, 12);
  }

  private static Line2D legendLine() {
    return new Line2D.Double(-14, 0, 14, 0);
  }

  /** The band's colour as it appears over the white plot background. */
  static Color bandOnWhite() {
    return new Color(
        blendOnWhite(FAULT_COLOUR.getRed()),
        blendOnWhite(FAULT_COLOUR.getGreen()),
        blendOnWhite(FAULT_COLOUR.getBlue()));
  }

  private static int blendOnWhite(int channel) {
    return Math.round(FAULT_ALPHA * channel + (1 - FAULT_ALPHA) * 255);
  }

  /**
   * The shared time axis: seconds since start, or minutes for a run longer than {@link
   * #LONGEST_RUN_IN_SECONDS}; it spans the samples and the faults alike.
   */
  private record TimeScale(double secondsPerUnit, String unit, double lower, double upper) {

    static TimeScale of(List<Sample> samples, List<FaultWindow> faults) {
      double first = samples.stream().mapToDouble(Sample::seconds).min().orElseThrow();
      double last = samples.stream().mapToDouble(Sample::seconds).max().orElseThrow();
      double end = last;
      for (FaultWindow fault : faults) {
        end = Math.max(end, fault.endSeconds());
        if (fault.recoveredSeconds() != null) {
          end = Math.max(end, fault.recoveredSeconds());
        }
      }
      double secondsPerUnit = last - Math.min(first, 0) > LONGEST_RUN_IN_SECONDS ? 60 : 1;
      double lower = Math.min(first, 0) / secondsPerUnit;
      double upper = Math.max(end / secondsPerUnit, lower + 1);
      return new TimeScale(secondsPerUnit, secondsPerUnit == 60 ? "min" : "s", lower, upper);
    }

    double x(double seconds) {
      return seconds / secondsPerUnit;
    }

    double length() {
      return upper - lower;
    }

    NumberAxis axis() {
      NumberAxis axis = new NumberAxis("time since start (" + unit + ")");
      axis.setLabelFont(AXIS_FONT);
      axis.setTickLabelFont(TICK_FONT);
      axis.setRange(lower, upper);
      return axis;
    }
  }
}
