package dev.mandate.rego.plan;

import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of the tree of virtual documents under {@code data}: packages are inner nodes, and
 * rules hang on the node named by the ground prefix of their head reference.
 */
public final class DocNode {
  /** What the rules on a node define. */
  public enum Kind {
    /** No rules here: a package or a prefix of rule paths. */
    NAMESPACE,
    /** {@code p := v}, {@code p if ...}: one value. */
    COMPLETE,
    /** {@code p contains x}: a set. */
    MULTI,
    /** Rules with variables in their head reference: an object built from all solutions. */
    OBJECT,
    /** {@code f(x) := y}. */
    FUNCTION
  }

  public final List<String> path;
  public final Map<Value, DocNode> children = new LinkedHashMap<>();
  public final List<PRule> rules = new ArrayList<>();
  public PRule defaultRule;
  public Kind kind = Kind.NAMESPACE;
  /** Equality index over the rules, or null when the rules are few or not indexable. */
  public RuleIndex index;
  /** True when a module declares this package (an empty package is still an empty object). */
  public boolean isPackage;
  /** True when this node or a descendant has rules or is a package. */
  public boolean hasRules;
  /** Function arity (FUNCTION nodes). */
  public int arity = -1;
  /**
   * For a function of one rule, with no else chain and no default, whose parameters are plain
   * and whose value is a constant (a test such as {@code present(obj, key) if {...}}): that rule.
   * Its first solution gives its value, so it can be called without watching for a conflict.
   */
  public PRule predicate;
  /**
   * For a complete rule or a function whose rules all have constant values and no else chain
   * (and, for a function, plain parameters): the common {@code allow if {...}} or
   * {@code kind(x) := "a" if ...}. Each rule's first solution gives its value, so the rules can
   * be run one after the other, comparing values, without a collector per evaluation.
   */
  public boolean constantValues;
  /** This node's slot in an evaluation's memo of rule values; see {@link #assignMemoSlots}. */
  public int memoSlot = -1;

  public DocNode(List<String> path) {
    this.path = List.copyOf(path);
  }

  public DocNode child(String name) {
    return children.get(StringValue.of(name));
  }

  public DocNode childOrCreate(String name) {
    return children.computeIfAbsent(StringValue.of(name.intern()), k -> { // see Lowerer.canonical
      List<String> p = new ArrayList<>(path);
      p.add(name);
      return new DocNode(p);
    });
  }

  /**
   * Numbers the nodes of the tree rooted here, so an evaluation can remember rule values in an
   * array instead of a hash map. Returns the number of slots. Depth first, so each package's
   * rules (nested ones included) have neighbouring slots: a query about one package uses a
   * short stretch of them, and its evaluations need a memo only that long (see {@code State}),
   * however many other packages, test packages above all, the policy holds.
   */
  public static int assignMemoSlots(DocNode root) {
    int n = 0;
    java.util.ArrayDeque<DocNode> todo = new java.util.ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      DocNode node = todo.pop();
      node.memoSlot = n++;
      List<DocNode> children = new ArrayList<>(node.children.values());
      for (int i = children.size() - 1; i >= 0; i--) {
        todo.push(children.get(i)); // so the first child is numbered next
      }
    }
    return n;
  }

  /** Sets {@link #predicate} and {@link #constantValues} on the rule nodes of the tree rooted here. */
  public static void markPredicates(DocNode node) {
    boolean function = node.kind == Kind.FUNCTION;
    if ((function || node.kind == Kind.COMPLETE) && !node.rules.isEmpty()
        && node.rules.stream().allMatch(r -> r.elseRule == null && r.constantValue
            && (!function || r.simpleParams))) {
      node.constantValues = true;
      if (function && node.rules.size() == 1 && node.defaultRule == null) {
        node.predicate = node.rules.get(0);
      }
    }
    for (DocNode c : node.children.values()) {
      markPredicates(c);
    }
  }

  /** {@code data.a.b}. */
  public String refText() {
    StringBuilder sb = new StringBuilder("data");
    for (String s : path) {
      if (s.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        sb.append('.').append(s);
      } else {
        sb.append("[").append(dev.mandate.rego.value.Json.quote(s)).append(']');
      }
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return refText();
  }
}
