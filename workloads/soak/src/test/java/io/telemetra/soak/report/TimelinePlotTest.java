package io.telemetra.soak.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelinePlotTest {

  private static final double SAMPLE_SECONDS = 5;

  /** 120 samples of 5 s: a 10-minute run, the streaming job killed, then PostgreSQL stopped. */
  private static final List<FaultWindow> FAULTS =
      List.of(
          new FaultWindow("streaming job SIGKILL", 120, 150, 195.0),
          new FaultWindow("PostgreSQL stopped", 330, 400, null));

  @TempDir Path dir;

  @Test
  void drawsTheRunWithItsFaultBands() throws IOException {
    Path png = dir.resolve("soak/timeline.png");

    TimelinePlot.write("Soak: 10 min at 2,000 events/s", syntheticRun(), FAULTS, png);

    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(TimelinePlot.WIDTH);
    assertThat(image.getHeight()).isEqualTo(TimelinePlot.HEIGHT);
    assertThat(distinctColours(image)).as("distinct colours").isGreaterThan(200);

    // Each band spans all four panels; 30 s of a 600 s run is ~65 px wide and hundreds of px tall.
    int bandPixels = pixelsOf(image, TimelinePlot.bandOnWhite());
    assertThat(bandPixels).as("pixels in the fault band colour").isGreaterThan(20_000);

    Path withoutFaults = dir.resolve("no-faults.png");
    TimelinePlot.write("no faults", syntheticRun(), List.of(), withoutFaults);
    assertThat(pixelsOf(ImageIO.read(withoutFaults.toFile()), TimelinePlot.bandOnWhite()))
        .as("band-coloured pixels when no fault is drawn")
        .isLessThan(bandPixels / 20);
  }

  @Test
  void drawsALongRunInMinutes() throws IOException {
    List<Sample> hour = new ArrayList<>();
    for (Sample s : syntheticRun()) {
      hour.add(
          new Sample(
              s.seconds() * 6,
              s.producedPerSecond(),
              s.committedPerSecond(),
              s.freshnessSeconds(),
              s.apiRequests(),
              s.apiErrors(),
              s.memory()));
    }
    Path png = dir.resolve("hour.png");

    TimelinePlot.write(
        "one hour", hour, List.of(new FaultWindow("Redis stopped", 3000, 3570, null)), png);

    assertThat(pixelsOf(ImageIO.read(png.toFile()), TimelinePlot.bandOnWhite()))
        .isGreaterThan(20_000);
  }

  @Test
  void refusesAnEmptyRun() {
    assertThatThrownBy(
            () -> TimelinePlot.write("empty", List.of(), FAULTS, dir.resolve("empty.png")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no samples");
    assertThat(Files.exists(dir.resolve("empty.png"))).isFalse();
  }

  /**
   * Three processes (two JVMs, PostgreSQL without a heap); the job's freshness unknown while it is
   * down and the API failing while PostgreSQL is stopped.
   */
  private static List<Sample> syntheticRun() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      double t = i * SAMPLE_SECONDS;
      boolean jobDown = t >= 120 && t < 150;
      boolean postgresDown = t >= 330 && t < 400;
      double produced = 2000 + 40 * Math.sin(i / 3.0);
      double committed = jobDown || postgresDown ? 0 : t < 195 && t >= 150 ? 3200 : produced - 15;
      Double freshness = jobDown || postgresDown ? null : 3.0 + (t >= 150 && t < 195 ? 40 : 0);
      long requests = 50;
      long errors = postgresDown ? 50 : i % 17 == 0 ? 1 : 0;
      Map<String, ProcessMemory> memory = new LinkedHashMap<>();
      if (!jobDown) {
        memory.put("streaming job", new ProcessMemory(300 + i * 2.0, 900 + i * 2.5));
      }
      memory.put("API + dashboard", new ProcessMemory(120 + 30 * Math.sin(i / 5.0), 420));
      if (!postgresDown) {
        memory.put("PostgreSQL", new ProcessMemory(Double.NaN, 260 + i * 0.5));
      }
      samples.add(new Sample(t, produced, committed, freshness, requests, errors, memory));
    }
    return samples;
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return colours.size();
  }

  private static int pixelsOf(BufferedImage image, Color colour) {
    int count = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color pixel = new Color(image.getRGB(x, y));
        if (Math.abs(pixel.getRed() - colour.getRed()) <= 2
            && Math.abs(pixel.getGreen() - colour.getGreen()) <= 2
            && Math.abs(pixel.getBlue() - colour.getBlue()) <= 2) {
          count++;
        }
      }
    }
    return count;
  }
}
