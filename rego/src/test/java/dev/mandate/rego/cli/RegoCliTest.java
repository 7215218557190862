package dev.mandate.rego.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line in-process, on paths that stop before the engine is needed. */
class RegoCliTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = RegoCli.execute(args, new ByteArrayInputStream(new byte[0]),
        new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void helpListsTheSubcommands() {
    Run r = run("--help");
    assertEquals(0, r.code());
    for (String sub : new String[] {"eval", "test", "bench", "conformance"}) {
      assertTrue(r.out().contains(sub), r.out());
    }
  }

  @Test
  void unknownSubcommandIsAUsageError() {
    Run r = run("frobnicate");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("frobnicate"), r.err());
  }

  @Test
  void noSubcommandIsAUsageError() {
    assertEquals(2, run().code());
  }

  @Test
  void missingPolicyFileIsACleanError() {
    Path missing = tmp.resolve("missing.rego");
    Run r = run("eval", "-d", missing.toString(), "data.x");
    assertEquals(1, r.code());
    assertEquals("error: " + missing + ": no such file or directory\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void badDurationIsAUsageError() {
    Run r = run("eval", "--timeout", "ten", "true");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("invalid duration"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void invalidRunPatternIsAUsageError() throws IOException {
    Files.writeString(tmp.resolve("p.rego"), "package p\n");
    Run r = run("test", "--run", "(", tmp.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("invalid --run pattern"), r.err());
  }

  @Test
  void conformanceOnACaselessDirectoryReportsSkips() throws IOException {
    Files.writeString(tmp.resolve("broken.yaml"), "cases: [ {");
    Run r = run("conformance", tmp.toString());
    assertEquals(0, r.code());
    assertTrue(r.out().startsWith("SKIP broken.yaml [broken.yaml]: cannot parse file"), r.out());
    assertTrue(r.out().endsWith("0 passed, 0 failed, 1 skipped\n"), r.out());
  }

  @Test
  void conformanceNeedsADirectory() {
    Run r = run("conformance", tmp.resolve("none").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no such directory"), r.err());
  }

  @Test
  void updateBaselineNeedsABaseline() {
    Run r = run("conformance", "--update-baseline", tmp.toString());
    assertEquals(2, r.code());
  }
}
