package dev.mandate.policytests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.pdp.Pdp;
import dev.mandate.pdp.config.PdpConfig;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision service answers exactly as the shipped policy decides. The property test's
 * generated inputs go to a real {@code POST /v1/exchange/decisions} on the shipped policies, and
 * each answer is compared with the engine's own decision for the same input:
 *
 * <ul>
 *   <li>a 200 carries that decision unchanged, plus a UUIDv7 {@code decision_id} and the
 *       {@code policy_revision};
 *   <li>a 400 (the service's own shape check, which turns away inputs a policy could not reason
 *       about) is allowed only where the policy would have denied: the check may reject early,
 *       never instead of a permit.
 * </ul>
 */
class DecisionServiceAgreementTest {
  private static final int INPUTS = 600;

  @TempDir
  Path tmp;

  @Test
  void theExchangeEndpointAnswersAsThePolicyDecides() throws Exception {
    PdpConfig d = PdpConfig.defaults();
    PdpConfig.DecisionLog log = d.decisionLog();
    PdpConfig config = d
        .withServer(new PdpConfig.Server("127.0.0.1", 0, d.server().bodyLimitBytes(), ""))
        .withPolicyDir(ShippedPoliciesTest.policiesDir())
        // A deadline no pause of a busy CI machine reaches: a timeout would be a (correct) deny
        // that the engine's own decision could not match.
        .withDecisions(new PdpConfig.Decisions(d.decisions().exchangePath(),
            d.decisions().authzenPath(), Duration.ofSeconds(5), d.decisions().dataApiDeadline()))
        .withDecisionLog(new PdpConfig.DecisionLog(log.enabled(), tmp.resolve("decisions.log"),
            log.maxFileBytes(), log.maxFiles(), log.queueSize(), log.queueMaxBytes(),
            log.maskPaths(), log.http(), log.labels()));
    DecisionContractPropertyTest inputs = new DecisionContractPropertyTest();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int permits = 0;
    int refused = 0;
    try (Pdp pdp = Pdp.start(config)) {
      URI endpoint = URI.create("http://127.0.0.1:" + pdp.port() + "/v1/exchange/decisions");
      for (int n = 0; n < INPUTS; n++) {
        ObjectValue input = inputs.nextInput();
        String where = "input #" + n + ": " + input;
        ObjectValue expected = DecisionContractPropertyTest.decide(input, false, where);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(input)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 400) {
          refused++;
          assertNotEquals(BooleanValue.TRUE, expected.get(StringValue.of("allow")),
              "refused an input the policy permits: " + r.body() + ", " + where);
          continue;
        }
        assertEquals(200, r.statusCode(), r.body() + ", " + where);
        ObjectValue answer = assertInstanceOf(ObjectValue.class, Json.parse(r.body()), where);
        Value id = answer.get(StringValue.of("decision_id"));
        assertEquals(7, UUID.fromString(((StringValue) id).value()).version(), where);
        assertInstanceOf(StringValue.class, answer.get(StringValue.of("policy_revision")), where);
        ObjectValue decision = answer.without(StringValue.of("decision_id"))
            .without(StringValue.of("policy_revision"));
        assertEquals(expected, decision, where);
        if (BooleanValue.TRUE.equals(decision.get(StringValue.of("allow")))) {
          permits++;
        }
      }
    }
    // Both kinds of answer must have been compared, or the check proves little.
    assertTrue(permits > INPUTS / 20 && permits < INPUTS - refused - INPUTS / 20,
        permits + " permits, " + refused + " refused, of " + INPUTS);
  }
}
