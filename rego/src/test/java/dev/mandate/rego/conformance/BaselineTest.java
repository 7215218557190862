package dev.mandate.rego.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  @TempDir Path dir;

  @Test
  void writesSortedAndReadsBack() throws IOException {
    Path f = dir.resolve("sub/baseline.txt");
    Baseline.write(f, List.of("b/two", "a/one: with colon", "c #2"));
    assertEquals("a/one: with colon\nb/two\nc #2\n", Files.readString(f));
    assertEquals(Set.of("a/one: with colon", "b/two", "c #2"), Baseline.read(f));
  }

  @Test
  void blankLinesAreIgnored() throws IOException {
    Path f = dir.resolve("b.txt");
    Files.writeString(f, "\nx\n\n");
    assertEquals(Set.of("x"), Baseline.read(f));
  }

  @Test
  void regressionsAreBaselineNotesNotPassingNow() {
    assertEquals(List.of("gone", "lost"),
        Baseline.regressions(Set.of("kept", "lost", "gone"), List.of("kept", "new")));
    assertEquals(List.of(), Baseline.regressions(Set.of(), List.of("anything")));
  }
}
