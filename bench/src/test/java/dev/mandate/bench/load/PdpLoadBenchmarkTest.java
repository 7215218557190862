package dev.mandate.bench.load;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class PdpLoadBenchmarkTest {
  private static LoadResult bareSaturation(double shareOfCpusBusy) {
    long wall = 1_000_000_000L;
    long process = (long) (wall * Runtime.getRuntime().availableProcessors() * shareOfCpusBusy);
    CpuUsage cpu = new CpuUsage(wall, process, Map.of(CpuUsage.GENERATOR, process),
        Map.of(CpuUsage.GENERATOR, 0L), 0, 0, 0);
    return new LoadResult("bare", LoadResult.SATURATION, 32, 0, 1, 10, 1000, 0, 0, 1000,
        new Histogram(3), List.of(), cpu, 2);
  }

  @Test
  void warnsWhenTheBareEndpointLeftCpusIdle() {
    String warning = PdpLoadBenchmark.bareBelowCeiling(List.of(bareSaturation(0.75)));
    assertNotNull(warning);
    assertTrue(warning.contains("overstated"), warning);
  }

  @Test
  void saysNothingWhenTheCpusWereBusyOrBareWasNotMeasured() {
    assertNull(PdpLoadBenchmark.bareBelowCeiling(List.of(bareSaturation(0.95))));
    assertNull(PdpLoadBenchmark.bareBelowCeiling(List.of()));
  }
}
