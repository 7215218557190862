package dev.mandate.sts.pdp;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a decision object (docs/decision-contract.md §4) strictly: anything that does not match
 * the contract is a {@link MalformedDecisionException}, never a permit. A permit needs
 * {@code allow: true} and a complete {@code grant}; a deny needs {@code deny.error}.
 */
public final class DecisionReader {
  private DecisionReader() {}

  public static PdpDecision read(Value decision, String decisionId, String revision) {
    try {
      return readChecked(decision, decisionId, revision);
    } catch (MalformedDecisionException e) {
      throw new MalformedDecisionException(e.getMessage(), decisionId);
    }
  }

  private static PdpDecision readChecked(Value decision, String decisionId, String revision) {
    if (!(decision instanceof ObjectValue d) || !(d.get("allow") instanceof BooleanValue allow)) {
      throw new MalformedDecisionException("decision is not an object with a boolean allow");
    }
    if (allow.value()) {
      return new PdpDecision.Permit(grant(d.get("grant")), decisionId, revision);
    }
    if (d.get("approval") instanceof ObjectValue approval
        && approval.get("required") == BooleanValue.TRUE) {
      return new PdpDecision.ApprovalPending(strings(approval.get("scopes"), "approval.scopes"),
          strings(approval.get("approvers"), "approval.approvers"), decisionId);
    }
    if (!(d.get("deny") instanceof ObjectValue deny)
        || !(deny.get("error") instanceof StringValue error)) {
      throw new MalformedDecisionException("a denial has no deny.error");
    }
    List<String> codes = new ArrayList<>();
    if (deny.get("reasons") instanceof ArrayValue reasons) {
      for (int i = 0; i < reasons.size(); i++) {
        if (reasons.get(i) instanceof ObjectValue r && r.get("code") instanceof StringValue c) {
          codes.add(c.value());
        }
      }
    }
    return new PdpDecision.Deny(error.value(), codes, decisionId);
  }

  private static Grant grant(Value v) {
    if (!(v instanceof ObjectValue g)) {
      throw new MalformedDecisionException("a permit has no grant object");
    }
    String audience = string(g, "audience");
    List<String> scope = strings(g.get("scope"), "grant.scope");
    long ttl = ttl(g.get("ttl_seconds"));
    String tokenType = string(g, "token_type");
    String subject = string(g, "subject");
    Map<String, Object> act = null;
    Value actValue = g.get("act");
    if (actValue != null && !(actValue instanceof dev.mandate.rego.value.NullValue)) {
      if (!(actValue instanceof ObjectValue)) {
        throw new MalformedDecisionException("grant.act is not an object");
      }
      act = toMap(actValue);
    }
    Value claims = g.get("claims");
    Map<String, Object> claimMap = Map.of();
    if (claims != null && !(claims instanceof dev.mandate.rego.value.NullValue)) {
      if (!(claims instanceof ObjectValue)) {
        throw new MalformedDecisionException("grant.claims is not an object");
      }
      claimMap = toMap(claims);
    }
    return new Grant(audience, scope, ttl, tokenType, subject, act, claimMap);
  }

  private static String string(ObjectValue o, String key) {
    if (o.get(key) instanceof StringValue s && !s.value().isEmpty()) {
      return s.value();
    }
    throw new MalformedDecisionException("grant." + key + " is not a non-empty string");
  }

  private static List<String> strings(Value v, String what) {
    if (!(v instanceof ArrayValue a)) {
      throw new MalformedDecisionException(what + " is not an array");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof StringValue s)) {
        throw new MalformedDecisionException(what + " holds a non-string");
      }
      out.add(s.value());
    }
    return out;
  }

  private static long ttl(Value v) {
    if (v instanceof NumberValue n) {
      BigDecimal d = n.toBigDecimal();
      if (d.signum() > 0 && d.stripTrailingZeros().scale() <= 0
          && d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
        return d.longValueExact();
      }
    }
    throw new MalformedDecisionException("grant.ttl_seconds is not a positive integer");
  }

  /**
   * A JSON object value as the plain Java map Nimbus takes for claims: the map Nimbus's own
   * parser would make of the value's JSON text (objects in key order, arrays as lists, integers
   * that fit as {@code Long}, other numbers as {@code Double}), built directly. Values with
   * non-string keys or sets take the text route, which turns them into what JSON can say.
   */
  static Map<String, Object> toMap(Value v) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) toJava(v);
      return m;
    } catch (NotPlainJson e) {
      try {
        return JSONObjectUtils.parse(Json.write(v));
      } catch (ParseException pe) {
        throw new MalformedDecisionException("grant value is not representable as JSON");
      }
    }
  }

  private static Object toJava(Value v) {
    return switch (v) {
      case StringValue s -> s.value();
      case BooleanValue b -> b.value();
      case NullValue n -> null;
      case NumberValue n -> number(Json.write(n));
      case ArrayValue a -> {
        List<Object> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
          out.add(toJava(a.get(i)));
        }
        yield out;
      }
      case ObjectValue o -> {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Value k : o.keys()) {
          if (!(k instanceof StringValue key)) {
            throw new NotPlainJson();
          }
          out.put(key.value(), toJava(o.get(k)));
        }
        yield out;
      }
      default -> throw new NotPlainJson();
    };
  }

  /** As Nimbus's JSON parser reads a number: a long if it is one, else a finite double. */
  private static Object number(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      double d = Double.parseDouble(text);
      if (Double.isInfinite(d) || Double.isNaN(d)) {
        throw new MalformedDecisionException("grant value is not representable as JSON");
      }
      return d;
    }
  }

  /** A value JSON text would have to reshape (non-string keys, sets). */
  private static final class NotPlainJson extends RuntimeException {
    NotPlainJson() {
      super(null, null, false, false);
    }
  }
}
