package dev.mandate.policytests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.EvalOptions;
import dev.mandate.rego.Policy;
import dev.mandate.rego.PreparedQuery;
import dev.mandate.rego.QueryResult;
import dev.mandate.rego.coverage.CoverageTracker;
import dev.mandate.rego.loader.PolicyFiles;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The decision contract, checked from outside the policy on thousands of inputs: the documented
 * example and the policy tests' base inputs, each with one to three parts replaced (dropped,
 * nulled, retyped, or set to other clients, audiences, scopes, issuers, lifetimes, times, roles
 * and delegation chains from the shipped data). Whatever the input, the decision is well formed
 * and fails closed, and a permit only ever narrows: its audience is the one the request resolves
 * to, its scopes are requested, held, allowed and (when critical) approved, its lifetime is
 * within every cap and within what the tokens have left, tenants and environments do not mix
 * unless data allows it, and only clients allowed to impersonate do so. The
 * expectations are computed here in Java from the input and the shipped data, not by the
 * policy, so a policy change that widens a grant fails this test even if the policy's own unit
 * tests were changed with it.
 */
class DecisionContractPropertyTest {
  private static final int INPUTS = 4_000;
  private static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "unauthorized_client",
      "invalid_grant", "invalid_target", "invalid_scope", "authorization_pending");

  private static final Policy POLICY =
      PolicyFiles.load(List.of(ShippedPoliciesTest.policiesDir())).compile();
  private static final PreparedQuery DECISION = POLICY.prepare("data.mandate.exchange.decision");
  private static final ObjectValue CONFIG = (ObjectValue) at(POLICY.data(), "mandate", "config");

  /** Where mutations apply: the decision input's fields, as paths. */
  private static final String[][] PATHS = {
      {"request"}, {"request", "grant_type"}, {"request", "client_id"}, {"request", "audience"},
      {"request", "resource"}, {"request", "scope"}, {"request", "requested_token_type"},
      {"request", "requested_ttl_seconds"}, {"subject_token"}, {"subject_token", "type"},
      {"subject_token", "issuer"}, {"subject_token", "claims"}, {"subject_token", "claims", "sub"},
      {"subject_token", "claims", "exp"}, {"subject_token", "claims", "scope"},
      {"subject_token", "claims", "scp"}, {"subject_token", "claims", "tenant"},
      {"subject_token", "claims", "env"}, {"subject_token", "claims", "act"},
      {"subject_token", "claims", "may_act"}, {"subject_token", "claims", "roles"},
      {"actor_token"}, {"actor_token", "type"}, {"actor_token", "issuer"},
      {"actor_token", "claims"}, {"actor_token", "claims", "sub"}, {"actor_token", "claims", "exp"},
      {"actor_token", "claims", "env"}, {"client"}, {"client", "id"}, {"context"},
      {"context", "time"}, {"context", "environment"}, {"context", "dpop_jkt"},
      {"context", "source_ip"}, {"context", "approved_scopes"},
  };

  /**
   * The inputs mutated: the documented example and the policy tests' own base inputs (delegation,
   * impersonation, a federated issuer, staging CI, a cross-tenant grant, a scope that needs
   * approval), so that every kind of permit is near.
   */
  private static final String[] FIXTURES = {"chat_input", "mcp_input", "payments_input",
      "ci_input", "support_input", "delete_input"};

  private final Random random = new Random(8693);
  private final ObjectValue example = (ObjectValue) Json.parse(readExample());
  private final List<ObjectValue> bases = bases(example);
  private final List<String> clients = keys("clients");
  private final List<String> audiences = keys("audiences");
  private final List<String> scopes = keys("scopes");
  private final List<String> issuers = keys("issuers");
  private final List<String> tenants = keys("tenants");

  @Test
  void everyDecisionIsWellFormedAndEveryPermitOnlyNarrows() {
    int permits = 0;
    int strictErrors = 0;
    TreeMap<String, Integer> errors = new TreeMap<>();
    for (int n = 0; n < INPUTS; n++) {
      ObjectValue input = nextInput();
      String where = "input #" + n + ": " + input;
      ObjectValue decision = decide(input, false, where);
      if (checkDecision(input, decision, where)) {
        permits++;
      } else {
        errors.merge(((StringValue) at(decision, "deny", "error")).value(), 1, Integer::sum);
      }
      // Strict built-in errors may turn a deny into an error (which the service denies), but
      // never into a different answer.
      try {
        assertEquals(decision, decide(input, true, where), "strict mode, " + where);
      } catch (EvalException e) {
        strictErrors++;
        assertFalse(at(decision, "allow").equals(BooleanValue.TRUE),
            "a permit in default mode is an error in strict mode: " + e.getMessage() + ", " + where);
      }
    }
    // The generator must reach both answers and most errors, or the checks above prove little.
    assertTrue(permits > INPUTS / 20, "only " + permits + " permits in " + INPUTS + " inputs");
    assertEquals(OAUTH_ERRORS, errors.keySet(), "deny errors reached: " + errors);
    assertTrue(strictErrors < INPUTS / 10, strictErrors + " inputs fail only in strict mode");
  }

  @Test
  void theExampleIsAPermitWithinEveryCap() {
    ObjectValue decision = decide(example, false, "the example");
    assertTrue(checkDecision(example, decision, "the example"));
    assertEquals(NumberValue.of(900), at(decision, "grant", "ttl_seconds"));
  }

  private static List<ObjectValue> bases(ObjectValue example) {
    List<ObjectValue> out = new ArrayList<>(List.of(example));
    for (String name : FIXTURES) {
      List<QueryResult> rs = POLICY.prepare("data.mandate.exchange_test." + name)
          .eval(EvalOptions.defaults());
      assertEquals(1, rs.size(), "fixture " + name);
      out.add((ObjectValue) rs.get(0).expressions().get(0));
    }
    return out;
  }

  @Test
  void everyBaseInputIsDecidedAsItsTestsExpect() {
    // Each fixture but the last is a permit; the last needs approval.
    for (int i = 0; i < bases.size(); i++) {
      ObjectValue decision = decide(bases.get(i), false, "base " + i);
      assertEquals(i < bases.size() - 1, checkDecision(bases.get(i), decision, "base " + i));
    }
  }

  /**
   * The decision under a mock of a built-in the policies never call. Any mock in force makes the
   * evaluator decide whether each term can have more than one value by looking at its shape,
   * where it otherwise only tests the frame slots the compiler listed for it.
   */
  private static final PreparedQuery DECISION_UNDER_MOCK =
      POLICY.prepare("data.mandate.exchange.decision with opa.runtime as {}");

  /**
   * A differential check of the evaluator on the same inputs, three ways. Measuring coverage
   * makes it take its general paths where its fast ones would skip a rule head: rules and
   * functions of constant value, and predicates, otherwise run straight to their first solution
   * without the collector that checks each value. A mock in force makes it test directness by
   * shape ({@link #DECISION_UNDER_MOCK}). All three must decide every input alike, in both modes,
   * errors included.
   */
  @Test
  void theEvaluatorsFastPathsDecideAsItsGeneralOnes() {
    int permits = 0;
    for (int n = 0; n < INPUTS / 4; n++) {
      ObjectValue input = nextInput();
      String where = "input #" + n + ": " + input;
      for (boolean strict : new boolean[] {false, true}) {
        String fast = outcome(DECISION, input, strict, false);
        String mode = strict ? "strict, " : "";
        assertEquals(fast, outcome(DECISION, input, strict, true), "coverage, " + mode + where);
        assertEquals(fast, outcome(DECISION_UNDER_MOCK, input, strict, false),
            "under a mock, " + mode + where);
        if (fast.startsWith("{\"allow\":true")) {
          permits++;
        }
      }
    }
    // Both answers must be among those compared, or the check proves little.
    assertTrue(permits > INPUTS / 40 && permits < INPUTS / 2 - INPUTS / 40,
        permits + " permits among " + INPUTS / 2 + " decisions");
  }

  /** The decision's JSON, or the error's code and message. */
  private static String outcome(PreparedQuery query, ObjectValue input, boolean strict,
      boolean coverage) {
    EvalOptions options = EvalOptions.withInput(input).strict(strict);
    if (coverage) {
      options = options.coverage(new CoverageTracker());
    }
    try {
      return Json.write(query.eval(options).get(0).expressions().get(0));
    } catch (EvalException e) {
      return "error " + e.code() + ": " + e.getMessage();
    }
  }

  /** The next generated input: a base input with one to three of its fields changed. */
  ObjectValue nextInput() {
    return mutate(bases.get(random.nextInt(bases.size())), 1 + random.nextInt(3));
  }

  static ObjectValue decide(ObjectValue input, boolean strict, String where) {
    List<QueryResult> rs = DECISION.eval(EvalOptions.withInput(input).strict(strict));
    assertEquals(1, rs.size(), "decision must always be defined, " + where);
    return assertInstanceOf(ObjectValue.class, rs.get(0).expressions().get(0), where);
  }

  /** Checks the contract; true for a permit, false for a deny. */
  private boolean checkDecision(ObjectValue input, ObjectValue decision, String where) {
    Value allow = at(decision, "allow");
    assertInstanceOf(BooleanValue.class, allow, where);
    assertInstanceOf(BooleanValue.class, at(decision, "approval", "required"), where);
    assertInstanceOf(ArrayValue.class, at(decision, "approval", "scopes"), where);
    assertInstanceOf(ArrayValue.class, at(decision, "approval", "approvers"), where);
    if (allow.equals(BooleanValue.TRUE)) {
      assertNull(at(decision, "deny"), where);
      assertEquals(BooleanValue.FALSE, at(decision, "approval", "required"), where);
      checkPermit(input, assertInstanceOf(ObjectValue.class, at(decision, "grant"), where), where);
      return true;
    }
    assertNull(at(decision, "grant"), "a deny carries no grant, " + where);
    String error = ((StringValue) assertInstanceOf(StringValue.class,
        at(decision, "deny", "error"), where)).value();
    assertTrue(OAUTH_ERRORS.contains(error), error + ", " + where);
    ArrayValue reasons = assertInstanceOf(ArrayValue.class, at(decision, "deny", "reasons"), where);
    assertFalse(reasons.isEmpty(), "a deny gives its reasons, " + where);
    for (Value r : reasons.asList()) {
      assertInstanceOf(StringValue.class, at(r, "code"), where);
      assertInstanceOf(StringValue.class, at(r, "message"), where);
    }
    if (error.equals("authorization_pending")) {
      assertEquals(BooleanValue.TRUE, at(decision, "approval", "required"), where);
      assertFalse(((ArrayValue) at(decision, "approval", "scopes")).isEmpty(), where);
    }
    return false;
  }

  private void checkPermit(ObjectValue input, ObjectValue grant, String where) {
    // The client is registered and is the one the request names.
    String client = string(at(input, "client", "id"), "client.id of a permit", where);
    ObjectValue clientConfig = assertInstanceOf(ObjectValue.class, at(CONFIG, "clients", client),
        "a permit for an unregistered client, " + where);
    Value requestClient = at(input, "request", "client_id");
    if (requestClient instanceof StringValue s) {
      assertEquals(client, s.value(), where);
    }

    // Exactly one audience, the one every requested target resolves to.
    String audience = string(at(grant, "audience"), "grant.audience", where);
    ObjectValue audienceConfig = assertInstanceOf(ObjectValue.class,
        at(CONFIG, "audiences", audience), "a permit for an unknown audience, " + where);
    Set<String> targets = new HashSet<>();
    targets.addAll(strings(at(input, "request", "audience")));
    targets.addAll(strings(at(input, "request", "resource")));
    assertFalse(targets.isEmpty(), "a permit without a requested target, " + where);
    List<String> resources = strings(at(audienceConfig, "resources"));
    for (String t : targets) {
      assertTrue(t.equals(audience) || resources.contains(t),
          "target " + t + " does not resolve to " + audience + ", " + where);
    }
    assertTrue(strings(at(clientConfig, "audiences")).contains(audience),
        "audience not allowed for the client, " + where);

    // Scopes: requested (when any are), held by the subject, allowed for the audience, known.
    Value claims = at(input, "subject_token", "claims");
    Set<String> held = new HashSet<>(strings(at(claims, "scp")));
    if (at(claims, "scope") instanceof StringValue s) {
      for (String part : s.value().split(" ")) {
        if (!part.isEmpty()) {
          held.add(part);
        }
      }
    }
    List<String> requested = strings(at(input, "request", "scope"));
    List<String> granted = strings(at(grant, "scope"));
    assertFalse(granted.isEmpty(), "a permit with no scope, " + where);
    for (String s : granted) {
      assertTrue(held.contains(s), "scope " + s + " not held, " + where);
      assertTrue(requested.isEmpty() || requested.contains(s), "scope " + s + " not requested, " + where);
      assertTrue(strings(at(audienceConfig, "scopes")).contains(s),
          "scope " + s + " not allowed for " + audience + ", " + where);
      assertNotNull(at(CONFIG, "scopes", s), "scope " + s + " not in the catalog, " + where);
    }

    // A critical scope only with approval: a role that auto-approves it, or the STS's word that
    // it was approved for this request.
    List<String> roles = strings(at(claims, "roles"));
    List<String> approved = strings(at(input, "context", "approved_scopes"));
    for (String s : granted) {
      Value scope = at(CONFIG, "scopes", s);
      if (str("critical").equals(at(scope, "risk")) && !approved.contains(s)) {
        assertTrue(strings(at(scope, "auto_approve_roles")).stream().anyMatch(roles::contains),
            "critical scope " + s + " granted without approval, " + where);
      }
    }

    // Lifetime: at least a second, within every cap and what each token has left.
    long ttl = ((NumberValue) assertInstanceOf(NumberValue.class, at(grant, "ttl_seconds"), where))
        .longValue();
    assertTrue(ttl >= 1, where);
    assertTrue(ttl <= number(at(CONFIG, "global", "max_ttl_seconds")), "global cap, " + where);
    assertTrue(ttl <= number(at(audienceConfig, "max_ttl_seconds")), "audience cap, " + where);
    if (at(clientConfig, "max_ttl_seconds") != null) {
      assertTrue(ttl <= number(at(clientConfig, "max_ttl_seconds")), "client cap, " + where);
    }
    if (at(input, "request", "requested_ttl_seconds") instanceof NumberValue r && r.signum() > 0
        && r.isInteger()) {
      assertTrue(ttl <= r.longValue(), "more than requested, " + where);
    }
    long now = nowSeconds(at(input, "context", "time"), where);
    assertTrue(ttl <= number(at(claims, "exp")) - now, "outlives the subject token, " + where);
    Value actor = at(input, "actor_token");
    if (actor != null && !(actor instanceof NullValue)) {
      assertTrue(ttl <= number(at(actor, "claims", "exp")) - now, "outlives the actor token, " + where);
      // Delegation: the actor heads the issued chain.
      assertEquals(at(actor, "claims", "sub"), at(grant, "act", "sub"), where);
    }

    // Tenants: subject, client and audience in one tenant, or a cross-tenant grant in data names
    // exactly this subject tenant, client and audience, and allows every granted scope.
    String subjectTenant = at(claims, "tenant") instanceof StringValue t ? t.value()
        : string(at(CONFIG, "issuers", string(at(input, "subject_token", "issuer"), "issuer", where),
            "default_tenant"), "the subject's tenant", where);
    Value clientTenant = at(clientConfig, "tenant");
    Value audienceTenant = at(audienceConfig, "tenant");
    if (!str(subjectTenant).equals(clientTenant) || !str(subjectTenant).equals(audienceTenant)) {
      boolean allowed = false;
      for (Value g : ((ArrayValue) at(CONFIG, "cross_tenant_grants")).asList()) {
        allowed |= str(subjectTenant).equals(at(g, "subject_tenant"))
            && str(client).equals(at(g, "client")) && str(audience).equals(at(g, "audience"))
            && strings(at(g, "scopes")).containsAll(granted);
      }
      assertTrue(allowed, "a cross-tenant permit no grant allows, " + where);
    }

    // Environments: a production token, actor or client never reaches a non-production audience,
    // or the reverse.
    boolean prodAudience = isProd(at(audienceConfig, "environment"));
    Value env = at(claims, "env") instanceof StringValue e ? e : at(input, "context", "environment");
    assertEquals(isProd(env), prodAudience, "subject environment " + env + " against audience "
        + audience + ", " + where);
    assertEquals(isProd(at(clientConfig, "environment")), prodAudience,
        "client environment against audience " + audience + ", " + where);
    if (at(actor, "claims", "env") instanceof StringValue actorEnv) {
      assertEquals(isProd(actorEnv), prodAudience, "actor environment " + actorEnv
          + " against audience " + audience + ", " + where);
    }

    // Impersonation (no actor token) only for clients that may impersonate.
    if (actor == null || actor instanceof NullValue) {
      assertEquals(BooleanValue.TRUE, at(clientConfig, "may_impersonate"),
          "impersonation by a client that may not impersonate, " + where);
    }
    assertEquals(at(claims, "sub"), at(grant, "subject"), where);
    assertInstanceOf(StringValue.class, at(grant, "claims", "tenant"), where);
  }

  // ---------------------------------------------------------------- mutations

  private ObjectValue mutate(ObjectValue input, int changes) {
    ObjectValue out = input;
    for (int i = 0; i < changes; i++) {
      String[] path = PATHS[random.nextInt(PATHS.length)];
      out = (ObjectValue) replace(out, path, 0, replacement(path[path.length - 1]));
    }
    return out;
  }

  /** {@code v} with the member at {@code path} set to {@code value}, or removed when null. */
  private static Value replace(Value v, String[] path, int i, Value value) {
    if (!(v instanceof ObjectValue o)) {
      return v; // nothing to descend into: the mutation does not apply
    }
    StringValue key = StringValue.of(path[i]);
    if (i == path.length - 1) {
      return value == null ? o.without(key) : o.with(key, value);
    }
    Value child = o.get(key);
    return child == null ? o : o.with(key, replace(child, path, i + 1, value));
  }

  /** A new value for a field: absent (null), another type, or a plausible value from the data. */
  private Value replacement(String field) {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return null;
    }
    if (kind == 1) {
      return junk();
    }
    return switch (field) {
      case "client_id", "id" -> str(pick(clients));
      case "audience", "resource" -> random.nextInt(4) == 0 ? array(str(pick(resourcesOfSomeAudience())))
          : array(pickSome(audiences, 2));
      case "scope" -> random.nextBoolean() ? array(pickSome(scopes, 3)) : str(String.join(" ", pickSomeStrings(scopes, 3)));
      case "scp", "approved_scopes" -> array(pickSome(scopes, 3));
      case "requested_ttl_seconds" -> NumberValue.of(random.nextInt(5000) - 100);
      case "issuer" -> str(pick(issuers));
      case "type", "requested_token_type" -> str(pick(List.of(
          "urn:ietf:params:oauth:token-type:access_token", "urn:ietf:params:oauth:token-type:jwt",
          "urn:ietf:params:oauth:token-type:id_token", "urn:ietf:params:oauth:token-type:saml2")));
      case "tenant" -> str(pick(tenants));
      case "env", "environment" -> str(pick(List.of("prod", "staging", "dev")));
      case "sub" -> str(pick(List.of("alice", "bob", "chat-web", "mcp-files", "ci-runner", "support-agent")));
      case "exp" -> NumberValue.of(1748779200L + random.nextInt(8000) - 1000);
      case "time" -> str(pick(List.of("2025-06-01T12:00:00Z", "2025-06-01T12:10:00.5Z",
          "2025-06-01T14:00:00+02:00", "2025-06-01T11:00:00Z", "not a time", "2025-02-30T00:00:00Z")));
      case "act" -> chain(random.nextInt(6));
      case "may_act" -> random.nextBoolean()
          ? ObjectValue.of("client_id", str(pick(clients)))
          : ObjectValue.of("sub", str(pick(List.of("mcp-files", "chat-web", "nobody"))));
      case "roles" -> array(pickSome(roleNames(), 2));
      case "grant_type" -> str(random.nextBoolean() ? "urn:ietf:params:oauth:grant-type:token-exchange" : "password");
      default -> junk();
    };
  }

  private Value chain(int depth) {
    Value c = null;
    for (int i = 0; i < depth; i++) {
      ObjectValue.Builder b = ObjectValue.builder().put("sub", str(pick(clients)));
      if (c != null) {
        b.put("act", c);
      }
      c = b.build();
    }
    return c == null ? NullValue.INSTANCE : c;
  }

  private Value junk() {
    return switch (random.nextInt(8)) {
      case 0 -> NullValue.INSTANCE;
      case 1 -> BooleanValue.FALSE;
      case 2 -> BooleanValue.TRUE;
      case 3 -> NumberValue.of(random.nextInt(100) - 50);
      case 4 -> str("");
      case 5 -> ArrayValue.of(NumberValue.of(1));
      case 6 -> ObjectValue.builder().build();
      default -> str("x");
    };
  }

  /** Roles that auto-approve some scope in the data, and one that approves none. */
  private List<String> roleNames() {
    List<String> out = new ArrayList<>(List.of("engineer"));
    for (String s : scopes) {
      out.addAll(strings(at(CONFIG, "scopes", s, "auto_approve_roles")));
    }
    return out;
  }

  private List<String> resourcesOfSomeAudience() {
    List<String> r = strings(at(CONFIG, "audiences", pick(audiences), "resources"));
    return r.isEmpty() ? List.of("https://unknown.example/") : r;
  }

  private <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  private List<String> pickSomeStrings(List<String> items, int max) {
    List<String> out = new ArrayList<>();
    int n = random.nextInt(max + 1);
    for (int i = 0; i < n; i++) {
      out.add(pick(items));
    }
    return out;
  }

  private List<Value> pickSome(List<String> items, int max) {
    return pickSomeStrings(items, max).stream().map(s -> (Value) str(s)).toList();
  }

  // ---------------------------------------------------------------- values

  private static Value at(Value v, String... path) {
    for (String key : path) {
      if (!(v instanceof ObjectValue o)) {
        return null;
      }
      v = o.get(key);
    }
    return v;
  }

  private static StringValue str(String s) {
    return StringValue.of(s);
  }

  private static ArrayValue array(Value... items) {
    return ArrayValue.of(items);
  }

  private static ArrayValue array(List<Value> items) {
    return ArrayValue.of(items);
  }

  /** The strings of an array (other elements and non-arrays give none). */
  private static List<String> strings(Value v) {
    List<String> out = new ArrayList<>();
    if (v instanceof ArrayValue a) {
      for (Value e : a.asList()) {
        if (e instanceof StringValue s) {
          out.add(s.value());
        }
      }
    }
    return out;
  }

  private static String string(Value v, String what, String where) {
    return ((StringValue) assertInstanceOf(StringValue.class, v, what + ", " + where)).value();
  }

  private static boolean isProd(Value env) {
    return str("prod").equals(env);
  }

  private static long number(Value v) {
    return ((NumberValue) v).longValue();
  }

  /** The request time in whole seconds, rounded up as the policy rounds it. */
  private static long nowSeconds(Value time, String where) {
    try {
      OffsetDateTime t = OffsetDateTime.parse(((StringValue) time).value());
      return t.toEpochSecond() + (t.getNano() > 0 ? 1 : 0);
    } catch (DateTimeParseException | ClassCastException e) {
      return fail("a permit with a request time that is not RFC 3339: " + time + ", " + where);
    }
  }

  private List<String> keys(String section) {
    List<String> out = new ArrayList<>();
    for (Value k : ((ObjectValue) CONFIG.get(section)).keys()) {
      out.add(((StringValue) k).value());
    }
    return out;
  }

  private static String readExample() {
    try {
      return Files.readString(ShippedPoliciesTest.policiesDir().getParent()
          .resolve("docs/examples/exchange-input.json"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
