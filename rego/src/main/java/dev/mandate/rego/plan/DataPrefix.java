package dev.mandate.rego.plan;

import dev.mandate.rego.value.Value;

/**
 * Where the constant leading segments of a {@code data} reference lead: the namespace node
 * reached and the base document beside it. Both depend only on the compiled policy, so the
 * evaluator works them out once per reference instead of hashing each segment on every
 * evaluation. Thread-safe: an immutable entry published through a volatile field.
 */
public final class DataPrefix {
  /**
   * After {@code length} segments from {@code root} (with base documents {@code data}), the
   * walk stands on {@code node} with base document {@code base}. {@code completeRule}: that node
   * is a complete rule with no base document under it, whose value the rest of the path indexes.
   */
  public record Entry(DocNode root, Value data, int length, DocNode node, Value base,
      boolean completeRule) {
    public Entry(DocNode root, Value data, int length, DocNode node, Value base) {
      this(root, data, length, node, base, node != null && node.hasRules
          && node.kind == DocNode.Kind.COMPLETE && base == null);
    }
  }

  private volatile Entry entry;

  /** The remembered entry if it was worked out for this policy's tree and data, else null. */
  public Entry get(DocNode root, Value data) {
    Entry e = entry;
    return e != null && e.root() == root && e.data() == data ? e : null;
  }

  public void set(Entry e) {
    entry = e;
  }
}
