package dev.mandate.rego.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The conformance ratchet's baseline: the notes of cases known to pass, one per line, sorted.
 * Once a case passes it must keep passing; the baseline only grows.
 */
public final class Baseline {
  private Baseline() {}

  /** The notes in the file; blank lines are ignored. */
  public static Set<String> read(Path file) throws IOException {
    TreeSet<String> notes = new TreeSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        notes.add(line);
      }
    }
    return notes;
  }

  /** Writes the notes sorted, one per line. */
  public static void write(Path file, Collection<String> notes) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    StringBuilder sb = new StringBuilder();
    for (String note : new TreeSet<>(notes)) {
      sb.append(note).append('\n');
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  /** Baseline notes that do not pass now (including notes of cases that no longer exist). */
  public static List<String> regressions(Set<String> baseline, Collection<String> passing) {
    Set<String> now = new TreeSet<>(passing);
    List<String> lost = new ArrayList<>();
    for (String note : new TreeSet<>(baseline)) {
      if (!now.contains(note)) {
        lost.add(note);
      }
    }
    return lost;
  }
}
