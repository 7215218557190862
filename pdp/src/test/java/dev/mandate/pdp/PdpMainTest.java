package dev.mandate.pdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.pdp.support.TestPdp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's failure paths (the serving path is covered by the HTTP tests). */
class PdpMainTest {
  @TempDir Path tmp;

  private record Run(int code, String err) {}

  private static Run run(String... args) {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new CommandLine(new PdpMain()).execute(args);
      return new Run(code, err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(oldErr);
    }
  }

  @Test
  void policiesThatDoNotCompileExitWithEveryError() {
    TestPdp.writeAll(tmp.resolve("p"), Map.of("a.rego", "package a\n\nx if {\n",
        "b.rego", "package b\n\ny := \n"));
    Run r = run("--port", "0", "--policies", tmp.resolve("p").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("a.rego:"), r.err());
    assertTrue(r.err().contains("b.rego:"), r.err());
    assertTrue(r.err().contains("rego_parse_error"), r.err());
  }

  @Test
  void badConfigurationExits() {
    TestPdp.write(tmp.resolve("pdp.yaml"), "server:\n  prot: 1\n");
    Run r = run("--config", tmp.resolve("pdp.yaml").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("server.prot"), r.err());
  }

  @Test
  void missingPolicyDirectoryExits() {
    Run r = run("--port", "0", "--policies", tmp.resolve("nope").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("policy directory not found"), r.err());
  }

  @Test
  void unknownFlagIsAUsageError() {
    assertEquals(2, run("--frobnicate").code());
  }
}
