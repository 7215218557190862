package dev.mandate.rego.compiler;

import dev.mandate.rego.plan.DocNode;
import dev.mandate.rego.plan.PExpr;
import dev.mandate.rego.plan.PRule;
import dev.mandate.rego.plan.PTerm;
import dev.mandate.rego.plan.RuleIndex;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds equality indexes over nodes with many rules. A rule is indexable when its body, with
 * no else chain, contains a plain {@code input.x.y == "const"} (or {@code =}); the reference
 * used by most rules becomes the node's index key.
 */
final class RuleIndexer {
  /** Below this many rules a linear scan is as fast as an index lookup. */
  static final int MIN_RULES = 8;

  private RuleIndexer() {}

  static void indexAll(DocNode n) {
    if (n.rules.size() >= MIN_RULES && n.kind != DocNode.Kind.FUNCTION) {
      n.index = build(n.rules);
    }
    for (DocNode c : n.children.values()) {
      indexAll(c);
    }
  }

  private record Condition(String refKey, PTerm.Ref ref, Value value) {}

  static RuleIndex build(List<PRule> rules) {
    Map<PRule, List<Condition>> conditions = new IdentityHashMap<>();
    Map<String, Integer> refCounts = new LinkedHashMap<>();
    Map<String, PTerm.Ref> refs = new HashMap<>();
    for (PRule r : rules) {
      List<Condition> cs = new ArrayList<>();
      if (r.elseRule == null) {
        for (PExpr e : r.body.exprs()) {
          Condition c = condition(e);
          if (c != null) {
            cs.add(c);
          }
        }
      }
      conditions.put(r, cs);
      cs.stream().map(Condition::refKey).distinct().forEach(k -> refCounts.merge(k, 1, Integer::sum));
      cs.forEach(c -> refs.putIfAbsent(c.refKey, c.ref));
    }
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : refCounts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    if (best == null || bestCount < MIN_RULES / 2) {
      return null;
    }
    Map<Value, List<PRule>> buckets = new HashMap<>();
    List<PRule> others = new ArrayList<>();
    Map<PRule, Integer> order = new IdentityHashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      PRule r = rules.get(i);
      order.put(r, i);
      Condition c = null;
      for (Condition x : conditions.get(r)) {
        if (x.refKey.equals(best)) {
          c = x;
          break;
        }
      }
      if (c == null) {
        others.add(r);
      } else {
        buckets.computeIfAbsent(c.value, k -> new ArrayList<>()).add(r);
      }
    }
    return new RuleIndex(refs.get(best), buckets, others, order);
  }

  private static Condition condition(PExpr e) {
    if (e.negated() || e.withs().length > 0) {
      return null;
    }
    PTerm a;
    PTerm b;
    switch (e.node()) {
      case PExpr.UnifyNode u -> {
        a = u.left();
        b = u.right();
      }
      case PExpr.TermNode t when t.term() instanceof PTerm.Call c && c.builtin() != null
          && c.name().equals("equal") && c.args().length == 2 -> {
        a = c.args()[0];
        b = c.args()[1];
      }
      default -> {
        return null;
      }
    }
    if (b instanceof PTerm.Ref && a instanceof PTerm.Const) {
      PTerm t = a;
      a = b;
      b = t;
    }
    if (a instanceof PTerm.Ref r && b instanceof PTerm.Const c && r.root() == PTerm.Root.INPUT
        && Arrays.stream(r.path()).allMatch(p -> p instanceof PTerm.Const)) {
      StringBuilder key = new StringBuilder("input");
      for (PTerm p : r.path()) {
        key.append('\u0000').append(((PTerm.Const) p).value());
      }
      return new Condition(key.toString(), r, c.value());
    }
    return null;
  }
}
