package io.vnft.gpu.energy;

import io.vnft.api.BackendUnavailableException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Measures the energy a CUDA GPU draws during a run by sampling NVML through
 * {@code nvidia-smi --query-gpu=power.draw -lms 100} (GPU 0) and integrating the power samples
 * over time (trapezoids, watts x seconds = joules). On a machine without {@code nvidia-smi}
 * {@link #start()} fails: callers report CPU runs as "not measured", never as 0 J.
 *
 * <p>Usage: {@code meter = GpuEnergyMeter.start(); ...work...; double joules = meter.stop();}.
 * Thread-safe: the sampler runs on its own daemon thread; {@link #stop()} may be called once.
 */
public final class GpuEnergyMeter {
  private final Process process;
  private final Thread reader;
  private double joules;
  private double lastWatts = Double.NaN;
  private long lastNanos;
  private int samples;

  GpuEnergyMeter(Process process) {
    this.process = process;
    this.reader = new Thread(this::read, "vnft-gpu-energy");
    this.reader.setDaemon(true);
    this.reader.start();
  }

  /**
   * @return a running meter
   * @throws BackendUnavailableException if {@code nvidia-smi} cannot be started
   */
  public static GpuEnergyMeter start() {
    try {
      Process p = new ProcessBuilder(List.of("nvidia-smi", "-i", "0", "--query-gpu=power.draw",
          "--format=csv,noheader,nounits", "-lms", "100")).redirectErrorStream(true).start();
      return new GpuEnergyMeter(p);
    } catch (IOException e) {
      throw new BackendUnavailableException("energy: nvidia-smi is not available here ("
          + e.getMessage() + "); GPU energy cannot be measured", e);
    }
  }

  private void read() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
      String line;
      while ((line = r.readLine()) != null) {
        double w;
        try {
          w = Double.parseDouble(line.trim());
        } catch (NumberFormatException e) {
          continue; // "[N/A]" or a header
        }
        add(w, System.nanoTime());
      }
    } catch (IOException e) {
      // the process was stopped
    }
  }

  synchronized void add(double watts, long nanos) {
    if (!Double.isNaN(lastWatts)) {
      joules += (watts + lastWatts) / 2 * (nanos - lastNanos) / 1e9;
    }
    lastWatts = watts;
    lastNanos = nanos;
    samples++;
  }

  /**
   * Stops sampling.
   *
   * @return the energy in joules between the first and the last sample
   * @throws BackendUnavailableException if fewer than two samples arrived (no NVML power reading)
   */
  public double stop() {
    process.destroy();
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (samples < 2) {
        throw new BackendUnavailableException("energy: nvidia-smi gave " + samples
            + " power samples; cannot integrate");
      }
      return joules;
    }
  }
}
