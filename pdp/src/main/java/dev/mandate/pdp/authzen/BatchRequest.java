package dev.mandate.pdp.authzen;

import dev.mandate.pdp.validation.InvalidInputException;
import dev.mandate.pdp.validation.Shape;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * An AuthZEN access evaluations (batch) request: the items, each with the top-level subject,
 * resource, action and context filled in where the item has none, and the semantic.
 *
 * @param items every item merged with the defaults, not yet validated (an invalid item is an
 *     error for that item only)
 * @param semantic how to execute the batch
 * @param single true if there was no {@code evaluations} array (or it was empty): the request is
 *     then a single evaluation and answered as one
 */
public record BatchRequest(List<ObjectValue> items, EvaluationSemantic semantic, boolean single) {
  public static BatchRequest parse(ObjectValue req) {
    EvaluationSemantic semantic = EvaluationSemantic.EXECUTE_ALL;
    ObjectValue options = Shape.optionalObject(req, "options", "");
    if (options != null) {
      String s = Shape.optionalString(options, "evaluations_semantic", "options.");
      if (s != null) {
        semantic = EvaluationSemantic.parse(s);
      }
    }
    Value evals = req.get("evaluations");
    if (evals == null || evals instanceof ArrayValue a && a.isEmpty()) {
      return new BatchRequest(List.of(req), semantic, true);
    }
    if (!(evals instanceof ArrayValue array)) {
      throw new InvalidInputException(
          "evaluations must be an array, got " + Shape.typeOf(evals));
    }
    List<ObjectValue> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      ObjectValue item = Shape.object(array.get(i), "evaluations[" + i + "]");
      items.add(AccessRequest.withDefaults(item, req));
    }
    return new BatchRequest(items, semantic, false);
  }
}
