package dev.mandate.pdp.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotatingFileSinkTest {
  @Test
  void rotatesBeforeALineWouldPassTheLimit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("decisions.log");
    RotatingFileSink sink = new RotatingFileSink(file, 20, 3);
    accept(sink, "0123456789€"); // 13 bytes + newline
    accept(sink, "abc"); // 14 + 4 = 18: still fits
    accept(sink, "defgh"); // 18 + 6 > 20: rotates first
    sink.close();
    assertEquals("0123456789€\nabc\n", Files.readString(file.resolveSibling("decisions.log.1")));
    assertEquals("defgh\n", Files.readString(file));
    assertTrue(Files.notExists(file.resolveSibling("decisions.log.2")));
  }

  @Test
  void writesOnlyTheLineFromTheWritersBuffer(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("decisions.log");
    RotatingFileSink sink = new RotatingFileSink(file, 1000, 2);
    byte[] buffer = utf8("{\"a\":1}{\"stale\":true}");
    sink.accept(buffer, 7);
    sink.close();
    assertEquals("{\"a\":1}\n", Files.readString(file));
  }

  static void accept(DecisionLogSink sink, String line) {
    byte[] b = utf8(line);
    sink.accept(b, b.length);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
