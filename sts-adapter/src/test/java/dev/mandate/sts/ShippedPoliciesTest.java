package dev.mandate.sts;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mandate.sts.demo.DemoTour;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The scripted tour ({@code mandate demo}) against the repository's shipped policies: permitted
 * exchange, delegation with a nested act, capped lifetime, and three denials. Skipped while the
 * repository has no policies/ folder.
 */
class ShippedPoliciesTest {
  @Test
  void demoTourBehavesAsDescribed() throws Exception {
    Path policies = Path.of("..", "policies").toAbsolutePath().normalize();
    assumeTrue(Files.isRegularFile(policies.resolve("mandate/exchange/decision.rego")),
        "no shipped policies at " + policies);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean ok = new DemoTour(policies, new PrintStream(out, true, StandardCharsets.UTF_8)).run();
    String text = out.toString(StandardCharsets.UTF_8);
    assertTrue(ok, text);
    assertTrue(text.contains("\"act\" : {"), text);
    assertTrue(text.contains("decision_id"), text);
  }
}
