package dev.mandate.pdp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.pdp.support.TestPdp;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionCacheTest {
  @TempDir Path tmp;

  static final String POLICY = """
      package mandate.exchange

      decision := {"allow": input.request.audience == "api", "grant": {"echo": input}}
      """;

  private static TestPdp start(Path dir, boolean cacheOn) {
    return TestPdp.start(dir, Map.of("p.rego", POLICY), c -> c.withCache(
        new PdpConfig.Caches(16, cacheOn, Duration.ofMinutes(5), 100)));
  }

  private static Value echo(TestPdp pdp, String input) {
    ObjectValue d = (ObjectValue) TestPdp.json(pdp.post("/v1/exchange/decisions", input));
    return ((ObjectValue) d.get("grant")).get("echo");
  }

  @Test
  void offByDefault() {
    try (TestPdp pdp = start(tmp, false)) {
      String in = "{\"request\": {\"audience\": \"api\"}}";
      echo(pdp, in);
      echo(pdp, in);
      assertEquals(0, pdp.pdp.metrics().decisionCache.value("hit"));
      assertEquals(0, pdp.pdp.metrics().decisionCache.value("miss"));
    }
  }

  @Test
  void sameWholeInputHitsAndAnyDifferenceMisses() {
    try (TestPdp pdp = start(tmp, true)) {
      String a = "{\"request\": {\"audience\": \"api\"}, \"context\": {\"ip\": \"10.0.0.1\"}}";
      String aReordered =
          "{\"context\": {\"ip\": \"10.0.0.1\"}, \"request\": {\"audience\": \"api\"}}";
      String b = "{\"request\": {\"audience\": \"api\"}, \"context\": {\"ip\": \"10.0.0.2\"}}";
      Value ea = echo(pdp, a);
      Value eaAgain = echo(pdp, aReordered);
      assertEquals(ea, eaAgain);
      assertEquals(1, pdp.pdp.metrics().decisionCache.value("hit"));
      // Differs only deep inside "context": must be evaluated, not served from a's entry.
      Value eb = echo(pdp, b);
      assertEquals(StringValue.of("10.0.0.2"),
          ((ObjectValue) ((ObjectValue) eb).get("context")).get("ip"));
      assertEquals(1, pdp.pdp.metrics().decisionCache.value("hit"));
      assertEquals(2, pdp.pdp.metrics().decisionCache.value("miss"));
    }
  }

  @Test
  void everyCachedDecisionStillGetsItsOwnIdAndLogEntry() {
    try (TestPdp pdp = start(tmp, true)) {
      String in = "{\"request\": {\"audience\": \"api\"}}";
      ObjectValue d1 = (ObjectValue) TestPdp.json(pdp.post("/v1/exchange/decisions", in));
      ObjectValue d2 = (ObjectValue) TestPdp.json(pdp.post("/v1/exchange/decisions", in));
      assertEquals(1, pdp.pdp.metrics().decisionCache.value("hit"));
      org.junit.jupiter.api.Assertions.assertNotEquals(d1.get("decision_id"),
          d2.get("decision_id"));
      assertEquals(2, pdp.logEvents(2).size());
    }
  }
}
