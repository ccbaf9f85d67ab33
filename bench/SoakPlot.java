import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * Draws a soak's CSV as a PNG of four panels against minutes: memory, latency (log scale),
 * throughput and lag. java.awt alone, headless, so the bench needs nothing beyond the JDK.
 * Also runs on its own, to redraw a CSV: {@code java -cp bench/target/classes SoakPlot <csv> <png> <rate> <title>}.
 */
public final class SoakPlot {

    static final int WIDTH = 1000;
    static final int PANEL_HEIGHT = 230;
    static final int TOP = 40;
    static final int LEFT = 80;
    static final int RIGHT = 30;
    static final int GAP = 45;

    /** One line of a panel; values that are not finite (no collection yet) or negative (processor off) leave a gap. */
    record Series(String name, Color color, ToDoubleFunction<SoakSample> value) {
    }

    /**
     * A panel: its title, its series, and an optional dashed reference value (NaN for none).
     * {@code logFloor} above 0 draws a log scale from that value up; values below it sit on the bottom line.
     */
    record Panel(String title, double logFloor, double reference, String referenceName, List<Series> series) {
    }

    public static void main(String[] args) throws IOException {
        draw(Path.of(args[0]), Path.of(args[1]), Double.parseDouble(args[2]), args[3]);
    }

    /** Draws the CSV's samples; {@code rate} (commands/s asked) is drawn dashed on the throughput panel. */
    public static void draw(Path csv, Path png, double rate, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<SoakSample> samples = Files.readAllLines(csv).stream().skip(1).filter(line -> !line.isBlank()).map(SoakSample::parse).toList();
        if (samples.isEmpty()) {
            throw new IllegalStateException("no samples in " + csv);
        }
        List<Panel> panels = List.of(
                new Panel("memory, MiB", 0, Double.NaN, null, List.of(
                        new Series("service RSS", new Color(0x1f77b4), SoakSample::rssMiB),
                        new Series("heap after latest GC", new Color(0xff7f0e), SoakSample::heapAfterGcMiB))),
                new Panel("command latency from when it was due, ms (log scale)", 0.1, Double.NaN, null, List.of(
                        new Series("p50", new Color(0x2ca02c), SoakSample::p50Ms),
                        new Series("p99", new Color(0xd62728), SoakSample::p99Ms))),
                new Panel("commands answered 200 per second; errors per interval", 0, rate, "asked", List.of(
                        new Series("answered/s", new Color(0x1f77b4), SoakSample::perSecond),
                        new Series("errors", new Color(0xd62728), sample -> sample.errors()))),
                new Panel("lag, events behind the head (log scale; 0 on the bottom line)", 1, Double.NaN, null, List.of(
                        new Series("read models (largest)", new Color(0x9467bd), sample -> sample.readModelLag()),
                        new Series("Kafka publisher", new Color(0x8c564b), sample -> sample.kafkaLag()),
                        new Series("ClickHouse sink", new Color(0x17becf), sample -> sample.clickhouseLag()))));
        int height = TOP + panels.size() * (PANEL_HEIGHT + GAP) + 10;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 24);
        double maxMinute = samples.get(samples.size() - 1).minute();
        for (int i = 0; i < panels.size(); i++) {
            drawPanel(g, TOP + i * (PANEL_HEIGHT + GAP) + 20, panels.get(i), samples, maxMinute);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    static void drawPanel(Graphics2D g, int top, Panel panel, List<SoakSample> samples, double maxMinute) {
        int left = LEFT;
        int width = WIDTH - LEFT - RIGHT;
        int bottom = top + PANEL_HEIGHT;
        double max = Double.isNaN(panel.reference()) ? 0 : panel.reference();
        for (Series series : panel.series()) {
            for (SoakSample sample : samples) {
                double value = series.value().applyAsDouble(sample);
                if (Double.isFinite(value)) {
                    max = Math.max(max, value);
                }
            }
        }
        Scale y = panel.logFloor() > 0 ? Scale.log(panel.logFloor(), max) : Scale.linear(max);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(Color.BLACK);
        g.drawString(panel.title(), left, top - 6);
        for (double tick : y.ticks()) {
            int py = bottom - (int) Math.round(y.fraction(tick) * PANEL_HEIGHT);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(left, py, left + width, py);
            g.setColor(Color.DARK_GRAY);
            String label = tick >= 100 || tick == Math.rint(tick) ? String.format(Locale.ROOT, "%,.0f", tick) : String.format(Locale.ROOT, "%.1f", tick);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        double minuteStep = niceStep(maxMinute / 6);
        for (double minute = 0; minute <= maxMinute + 1e-9; minute += minuteStep) {
            int px = left + (int) Math.round(minute / maxMinute * width);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(px, top, px, bottom);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, minuteStep < 1 ? "%.1f" : "%.0f", minute) + (minute == 0 ? " min" : "");
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, bottom + 15);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, width, PANEL_HEIGHT);
        int legendX = left + 10;
        if (!Double.isNaN(panel.reference())) {
            int py = bottom - (int) Math.round(y.fraction(panel.reference()) * PANEL_HEIGHT);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            g.drawLine(left, py, left + width, py);
            legendX = legend(g, legendX, top, Color.GRAY, panel.referenceName() + " " + String.format(Locale.ROOT, "%.0f", panel.reference()));
        }
        g.setStroke(new BasicStroke(1.6f));
        for (Series series : panel.series()) {
            Path2D.Double line = new Path2D.Double();
            boolean drawing = false;
            boolean any = false;
            for (SoakSample sample : samples) {
                double value = series.value().applyAsDouble(sample);
                if (!Double.isFinite(value) || value < 0) {
                    drawing = false;
                    continue;
                }
                double px = left + sample.minute() / maxMinute * width;
                double py = bottom - y.fraction(value) * PANEL_HEIGHT;
                if (drawing) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    drawing = true;
                }
                any = true;
            }
            g.setColor(series.color());
            g.draw(line);
            legendX = legend(g, legendX, top, series.color(), series.name() + (any ? "" : " (off)"));
        }
    }

    private static int legend(Graphics2D g, int x, int top, Color color, String name) {
        g.setColor(color);
        g.fillRect(x, top + 8, 14, 4);
        g.setColor(Color.BLACK);
        g.drawString(name, x + 18, top + 15);
        return x + 18 + g.getFontMetrics().stringWidth(name) + 20;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(rough, 1e-9))));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= rough) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** A y axis: where a value falls (0 at the bottom, 1 at the top) and its tick values. */
    record Scale(double low, double high, boolean log, double[] ticks) {

        static Scale linear(double max) {
            double step = niceStep(Math.max(max, 1) * 1.1 / 5);
            int count = (int) Math.ceil(Math.max(max, 1) * 1.1 / step);
            double[] ticks = new double[count + 1];
            for (int i = 0; i <= count; i++) {
                ticks[i] = i * step;
            }
            return new Scale(0, count * step, false, ticks);
        }

        /** From {@code floor} (a power of ten) to the decade above the largest value: a few ms and seconds on one panel. */
        static Scale log(double floor, double max) {
            int decades = Math.max(1, (int) Math.ceil(Math.log10(Math.max(max, floor * 10) / floor)));
            double[] ticks = new double[decades + 1];
            for (int i = 0; i <= decades; i++) {
                ticks[i] = floor * Math.pow(10, i);
            }
            return new Scale(floor, ticks[decades], true, ticks);
        }

        double fraction(double value) {
            if (log) {
                return (Math.log10(Math.max(value, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
            }
            return value / high;
        }
    }
}
