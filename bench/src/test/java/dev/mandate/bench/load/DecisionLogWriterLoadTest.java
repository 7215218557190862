package dev.mandate.bench.load;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DecisionLogWriterLoadTest {
  @Test
  void measuresTheWriterOnEventsTheProducerMade() throws Exception {
    Path root = Path.of("..").toAbsolutePath().normalize();
    DecisionLogWriterLoad.Window w = DecisionLogWriterLoad.measure(root.resolve("policies"),
        Files.readAllBytes(root.resolve("docs/examples/exchange-input.json")), 0, 1);
    assertTrue(w.produced() > 0, "events produced");
    assertTrue(w.written() > 0, "events written");
    assertTrue(w.written() + w.dropped() <= w.produced(), "nothing written that was not made");
    assertTrue(w.writerCpuNanos() > 0 && w.writerMicrosPerEvent() > 0, "writer CPU counted");
    assertTrue(w.producerMicrosPerEvent() > 0, "producer CPU counted");
  }
}
