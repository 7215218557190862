package dev.mandate.pdp.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.pdp.support.TestPdp;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotReloadTest {
  @TempDir Path tmp;

  static String policy(int version) {
    return "package mandate.exchange\n\ndecision := {\"allow\": true, \"grant\": {\"version\": "
        + version + "}}\n";
  }

  private static ObjectValue decide(TestPdp pdp) {
    return (ObjectValue) TestPdp.json(pdp.post("/v1/exchange/decisions", "{\"request\": {}}"));
  }

  private static Value version(ObjectValue decision) {
    return ((ObjectValue) decision.get("grant")).get("version");
  }

  @Test
  void goodChangeIsServedAndBadChangeKeepsTheLastGoodRevision() {
    List<String> logged = new CopyOnWriteArrayList<>();
    Logger storeLog = Logger.getLogger("dev.mandate.pdp.policy.PolicyStore");
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    storeLog.addHandler(capture);
    try (TestPdp pdp = TestPdp.start(tmp, Map.of("mandate/exchange.rego", policy(1)))) {
      ObjectValue first = decide(pdp);
      assertEquals(NumberValue.of(1), version(first));
      String rev1 = ((StringValue) first.get("policy_revision")).value();

      TestPdp.write(pdp.policies.resolve("mandate/exchange.rego"), policy(2));
      TestPdp.waitFor(() -> NumberValue.of(2).equals(version(decide(pdp))), "version 2");
      ObjectValue second = decide(pdp);
      String rev2 = ((StringValue) second.get("policy_revision")).value();
      assertNotEquals(rev1, rev2);
      assertEquals(1, pdp.pdp.metrics().reloads.value("ok"));

      // A syntax error: rejected, counted, logged with file:line:col, and v2 keeps serving.
      TestPdp.write(pdp.policies.resolve("mandate/broken.rego"),
          "package mandate.broken\n\nallow if {\n  input.x ==\n}\n");
      TestPdp.waitFor(() -> pdp.pdp.metrics().reloads.value("failed") == 1, "rejected reload");
      ObjectValue still = decide(pdp);
      assertEquals(NumberValue.of(2), version(still));
      assertEquals(StringValue.of(rev2), still.get("policy_revision"));
      assertEquals(StringValue.of(rev2),
          ((ObjectValue) TestPdp.json(pdp.get("/health"))).get("policy_revision"));
      assertTrue(logged.stream().anyMatch(m -> m.matches(
          "mandate/broken\\.rego:\\d+:\\d+: rego_parse_error: .*")), logged.toString());

      // The same bad content is not recompiled on every scan.
      sleep(300);
      assertEquals(1, pdp.pdp.metrics().reloads.value("failed"));

      // A bad data file is rejected as well.
      TestPdp.write(pdp.policies.resolve("mandate/broken.rego"), "package mandate.broken\n");
      TestPdp.waitFor(() -> pdp.pdp.metrics().reloads.value("ok") == 2, "repaired reload");
      TestPdp.write(pdp.policies.resolve("mandate/data.json"), "{\"a\": ");
      TestPdp.waitFor(() -> pdp.pdp.metrics().reloads.value("failed") == 2, "bad data");
      assertEquals(NumberValue.of(2), version(decide(pdp)));
    } finally {
      storeLog.removeHandler(capture);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
