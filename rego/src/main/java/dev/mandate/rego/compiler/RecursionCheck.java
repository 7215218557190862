package dev.mandate.rego.compiler;

import dev.mandate.rego.RegoError;
import dev.mandate.rego.plan.DocNode;
import dev.mandate.rego.plan.PBody;
import dev.mandate.rego.plan.PExpr;
import dev.mandate.rego.plan.PRule;
import dev.mandate.rego.plan.PTerm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Rejects rules that depend on themselves, directly or through other rules or functions. */
final class RecursionCheck {
  private final CompileContext ctx;
  private final Map<DocNode, Set<DocNode>> deps = new HashMap<>();
  private final Set<DocNode> done = new HashSet<>();
  private final Set<String> reported = new HashSet<>();

  RecursionCheck(CompileContext ctx) {
    this.ctx = ctx;
  }

  void check(DocNode root) {
    List<DocNode> ruleNodes = new ArrayList<>();
    collectRuleNodes(root, ruleNodes);
    for (DocNode n : ruleNodes) {
      Set<DocNode> d = new LinkedHashSet<>();
      for (PRule r : n.rules) {
        rule(r, d);
      }
      if (n.defaultRule != null) {
        rule(n.defaultRule, d);
      }
      deps.put(n, d);
    }
    for (DocNode n : ruleNodes) {
      visit(n, new ArrayList<>(), new HashSet<>());
    }
  }

  private void visit(DocNode n, List<DocNode> stack, Set<DocNode> onStack) {
    if (done.contains(n)) {
      return;
    }
    if (onStack.contains(n)) {
      List<DocNode> cycle = new ArrayList<>(stack.subList(stack.indexOf(n), stack.size()));
      cycle.add(n);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < cycle.size(); i++) {
        sb.append(i == 0 ? "" : " -> ").append(cycle.get(i).refText());
      }
      if (reported.add(n.refText())) {
        ctx.error(RegoError.RECURSION, "rule " + n.refText() + " is recursive: " + sb,
            n.rules.isEmpty() ? null : n.rules.get(0).location);
      }
      return;
    }
    onStack.add(n);
    stack.add(n);
    for (DocNode d : deps.getOrDefault(n, Set.of())) {
      visit(d, stack, onStack);
    }
    stack.remove(stack.size() - 1);
    onStack.remove(n);
    done.add(n);
  }

  private static void collectRuleNodes(DocNode n, List<DocNode> out) {
    if (n.kind != DocNode.Kind.NAMESPACE) {
      out.add(n);
    }
    for (DocNode c : n.children.values()) {
      collectRuleNodes(c, out);
    }
  }

  private void rule(PRule r, Set<DocNode> out) {
    for (PRule x = r; x != null; x = x.elseRule) {
      body(x.body, out);
      term(x.value, out);
      for (PTerm k : x.keyPath) {
        term(k, out);
      }
      if (x.params != null) {
        for (PTerm p : x.params) {
          term(p, out);
        }
      }
    }
  }

  private void body(PBody b, Set<DocNode> out) {
    for (PExpr e : b.exprs()) {
      switch (e.node()) {
        case PExpr.TermNode t -> term(t.term(), out);
        case PExpr.UnifyNode u -> {
          term(u.left(), out);
          term(u.right(), out);
        }
        case PExpr.SomeInNode s -> {
          if (s.key() != null) {
            term(s.key(), out);
          }
          term(s.value(), out);
          term(s.collection(), out);
        }
        case PExpr.EveryNode ev -> {
          term(ev.domain(), out);
          body(ev.body(), out);
        }
      }
      for (PExpr.PWith w : e.withs()) {
        if (w.value() != null) {
          term(w.value(), out);
        }
        if (w instanceof PExpr.WithFunction wf && wf.replacement() != null) {
          term(wf.replacement(), out);
        }
      }
    }
  }

  private void term(PTerm t, Set<DocNode> out) {
    switch (t) {
      case PTerm.Ref r -> {
        if (r.root() == PTerm.Root.DATA) {
          dataRef(r.path(), out);
        }
        if (r.head() != null) {
          term(r.head(), out);
        }
        for (PTerm p : r.path()) {
          term(p, out);
        }
      }
      case PTerm.Call c -> {
        if (c.function() != null) {
          out.add(c.function());
        }
        for (PTerm a : c.args()) {
          term(a, out);
        }
      }
      case PTerm.ArrayLit a -> {
        for (PTerm i : a.items()) {
          term(i, out);
        }
      }
      case PTerm.SetLit s -> {
        for (PTerm i : s.items()) {
          term(i, out);
        }
      }
      case PTerm.ObjectLit o -> {
        for (PTerm k : o.keys()) {
          term(k, out);
        }
        for (PTerm v : o.values()) {
          term(v, out);
        }
      }
      case PTerm.ArrayCompr c -> {
        term(c.head(), out);
        body(c.body(), out);
      }
      case PTerm.SetCompr c -> {
        term(c.head(), out);
        body(c.body(), out);
      }
      case PTerm.ObjectCompr c -> {
        term(c.key(), out);
        term(c.value(), out);
        body(c.body(), out);
      }
      default -> {}
    }
  }

  /** A data reference depends on the rule node it reaches, or on every rule below where it stops. */
  private void dataRef(PTerm[] path, Set<DocNode> out) {
    DocNode n = ctx.root;
    for (PTerm p : path) {
      if (n.kind != DocNode.Kind.NAMESPACE) {
        out.add(n);
        return;
      }
      if (!(p instanceof PTerm.Const c)) {
        break;
      }
      DocNode child = n.children.get(c.value());
      if (child == null) {
        return;
      }
      n = child;
    }
    allBelow(n, out);
  }

  private static void allBelow(DocNode n, Set<DocNode> out) {
    if (!n.hasRules) {
      return;
    }
    if (n.kind != DocNode.Kind.NAMESPACE) {
      out.add(n);
    }
    for (DocNode c : n.children.values()) {
      allBelow(c, out);
    }
  }
}
