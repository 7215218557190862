package dev.mandate.pdp.authzen;

import dev.mandate.pdp.validation.Shape;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;

/**
 * Checks an AuthZEN access evaluation request and builds the policy input from it. The input is
 * the request object itself (subject, resource, action and, if given, context), so a policy reads
 * {@code input.subject.id}, {@code input.action.name} and so on.
 *
 * <p>Required by AuthZEN 1.0: {@code subject.type}, {@code subject.id}, {@code resource.type},
 * {@code resource.id} and {@code action.name}, all strings; {@code properties} of each and
 * {@code context} are optional objects.
 */
public final class AccessRequest {
  private AccessRequest() {}

  public static ObjectValue toInput(ObjectValue req) {
    ObjectValue subject = entity(req, "subject", "type", "id");
    ObjectValue resource = entity(req, "resource", "type", "id");
    ObjectValue action = entity(req, "action", "name");
    ObjectValue context = Shape.optionalObject(req, "context", "");
    ObjectValue.Builder b = ObjectValue.builder()
        .put("subject", subject)
        .put("resource", resource)
        .put("action", action);
    if (context != null) {
      b.put("context", context);
    }
    return b.build();
  }

  private static ObjectValue entity(ObjectValue req, String name, String... requiredStrings) {
    ObjectValue e = Shape.requiredObject(req, name, "");
    for (String field : requiredStrings) {
      Shape.requiredString(e, field, name + ".");
    }
    Shape.optionalObject(e, "properties", name + ".");
    return e;
  }

  /** {@code item} with each of subject, resource, action, context taken from defaults if absent. */
  public static ObjectValue withDefaults(ObjectValue item, ObjectValue defaults) {
    ObjectValue out = item;
    for (String member : new String[] {"subject", "resource", "action", "context"}) {
      Value d = defaults.get(member);
      if (d != null && item.get(member) == null) {
        out = out.with(StringValue.of(member), d);
      }
    }
    return out;
  }
}
