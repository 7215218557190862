package dev.mandate.rego.plan;

import dev.mandate.rego.value.Value;
import java.util.List;
import java.util.Map;

/**
 * An equality index over the rules of one node: rules whose body requires
 * {@code <ref> == <constant>} for the same ground reference are bucketed by the constant, so
 * evaluation looks the reference up once and only runs the rules that can match, plus those the
 * index could not classify. With 100,000 such rules a lookup costs about what it does with 10.
 *
 * @param ref the indexed reference (ground: {@code input.user}, {@code data.x.y})
 * @param buckets rules by the constant their body compares the reference to
 * @param others rules the index cannot rule out; always evaluated
 * @param order position of each rule in the node's rule list, to keep source order
 */
public record RuleIndex(PTerm.Ref ref, Map<Value, List<PRule>> buckets, List<PRule> others,
    Map<PRule, Integer> order) {}
