package io.vnft.gpu.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vnft.api.BackendUnavailableException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class GpuEnergyMeterTest {
  @Test
  void integratesPowerSamplesWithTrapezoids() throws IOException {
    // a real process stands in for nvidia-smi's output stream; the integration is what is tested
    GpuEnergyMeter m = startWith();
    m.add(100, 0);
    m.add(200, 1_000_000_000L);   // 150 W for 1 s
    m.add(200, 3_000_000_000L);   // 200 W for 2 s
    assertEquals(550.0, m.stop(), 1e-9);
  }

  @Test
  void withoutSamplesTheEnergyIsUnknownNotZero() throws IOException {
    GpuEnergyMeter m = startWith();
    assertThrows(BackendUnavailableException.class, m::stop);
  }

  private static GpuEnergyMeter startWith() throws IOException {
    return new GpuEnergyMeter(new ProcessBuilder("true").start());
  }
}
