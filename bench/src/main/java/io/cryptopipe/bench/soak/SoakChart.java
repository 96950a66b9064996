package io.cryptopipe.bench.soak;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The soak's samples as a PNG: one panel per measure against minutes, drawn with java.awt (headless). */
final class SoakChart {
    private static final int WIDTH = 1000;
    private static final int PANEL_HEIGHT = 180;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int GAP = 40;

    private record Panel(String title, ToDoubleFunction<SoakSample> value, Color color) {
    }

    private static final List<Panel> PANELS = List.of(
            new Panel("RSS (MiB)", s -> s.rssMiB(), new Color(0x1f77b4)),
            new Panel("data dir (MiB); warehouse file dashed", s -> s.dataDirMiB(), new Color(0x2ca02c)),
            new Panel("last DAG run (s)", SoakSample::dagSeconds, new Color(0xd62728)),
            new Panel("sink lag (records)", s -> s.sinkLag(), new Color(0x9467bd)),
            new Panel("trade to raw, p99 of the minute (s)", SoakSample::sinkP99Seconds, new Color(0x8c564b)));

    private SoakChart() {
    }

    static void write(List<SoakSample> samples, String title, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int height = TOP + PANELS.size() * (PANEL_HEIGHT + GAP) + 10;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString(title, LEFT, 24);
        double maxMinute = samples.stream().mapToDouble(SoakSample::minute).max().orElse(1);
        for (int i = 0; i < PANELS.size(); i++) {
            int top = TOP + i * (PANEL_HEIGHT + GAP) + 16;
            Panel panel = PANELS.get(i);
            double max = samples.stream().mapToDouble(panel.value()).filter(v -> !Double.isNaN(v)).max().orElse(1);
            if (i == 1) {
                max = Math.max(max, samples.stream().mapToDouble(SoakSample::warehouseMiB).max().orElse(1));
            }
            max = max <= 0 ? 1 : max * 1.1;
            axes(g, panel.title(), top, max, maxMinute);
            line(g, samples, panel.value(), panel.color(), top, max, maxMinute, false);
            if (i == 1) {
                line(g, samples, s -> s.warehouseMiB(), panel.color().darker(), top, max, maxMinute, true);
            }
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void axes(Graphics2D g, String title, int top, double max, double maxMinute) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(title, LEFT, top - 4);
        g.setColor(new Color(0xdddddd));
        for (int tick = 0; tick <= 4; tick++) {
            int y = top + PANEL_HEIGHT - tick * PANEL_HEIGHT / 4;
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,.0f", max * tick / 4), 4, y + 4);
            g.setColor(new Color(0xdddddd));
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(LEFT, top, plotWidth, PANEL_HEIGHT);
        for (int tick = 0; tick <= 6; tick++) {
            int x = LEFT + tick * plotWidth / 6;
            g.drawString(String.format(Locale.ROOT, "%.0f min", maxMinute * tick / 6), x - 14, top + PANEL_HEIGHT + 14);
        }
    }

    private static void line(Graphics2D g, List<SoakSample> samples, ToDoubleFunction<SoakSample> value, Color color,
                             int top, double max, double maxMinute, boolean dashed) {
        int plotWidth = WIDTH - LEFT - RIGHT;
        g.setColor(color);
        g.setStroke(dashed ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[]{6, 4}, 0)
                : new BasicStroke(2f));
        Integer lastX = null;
        Integer lastY = null;
        for (SoakSample sample : samples) {
            double v = value.applyAsDouble(sample);
            if (Double.isNaN(v)) {
                lastX = null;
                continue;
            }
            int x = LEFT + (int) Math.round(sample.minute() / Math.max(maxMinute, 1e-9) * plotWidth);
            int y = top + PANEL_HEIGHT - (int) Math.round(v / max * PANEL_HEIGHT);
            if (lastX != null) {
                g.drawLine(lastX, lastY, x, y);
            }
            g.fillOval(x - 2, y - 2, 4, 4);
            lastX = x;
            lastY = y;
        }
        g.setStroke(new BasicStroke(1f));
    }
}
