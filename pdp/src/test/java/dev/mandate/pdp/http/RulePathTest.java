package dev.mandate.pdp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RulePathTest {
  @Test
  void urlPathsBecomeQueries() {
    assertEquals("data", RulePath.fromUrl("").query());
    assertEquals("data", RulePath.fromUrl("/").query());
    assertEquals("data.a.b", RulePath.fromUrl("/a/b/").query());
    assertEquals("data.a[0]", RulePath.fromUrl("/a/0").query());
    assertEquals("data[\"odd-name\"][\"x y\"]", RulePath.fromUrl("/odd-name/x%20y").query());
    assertEquals("data.a[\"in\"]", RulePath.fromUrl("/a/in").query());
    assertEquals("a/b", RulePath.fromUrl("/a/b").logPath());
  }

  @Test
  void configuredRefs() {
    assertEquals("mandate/exchange/decision",
        RulePath.fromRef("data.mandate.exchange.decision").logPath());
    assertEquals("data", RulePath.fromRef("data").query());
    assertThrows(IllegalArgumentException.class, () -> RulePath.fromRef("mandate.x"));
    assertThrows(IllegalArgumentException.class, () -> RulePath.fromRef("data.a[0]"));
  }
}
