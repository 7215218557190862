package dev.mandate.sts.pdp;

import com.nimbusds.jose.util.JSONObjectUtils;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import java.text.ParseException;
import java.util.ArrayList;
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

  /** A JSON object value as the plain Java map Nimbus takes for claims. */
  static Map<String, Object> toMap(Value v) {
    try {
      return JSONObjectUtils.parse(Json.write(v));
    } catch (ParseException e) {
      throw new MalformedDecisionException("grant value is not representable as JSON");
    }
  }
}
