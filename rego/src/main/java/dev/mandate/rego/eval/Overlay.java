package dev.mandate.rego.eval;

import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.Value;
import java.util.HashMap;
import java.util.Map;

/**
 * Values that {@code with data.a.b as v} places over the data tree for the duration of one
 * expression. Immutable: adding a replacement copies the nodes along its path.
 */
final class Overlay {
  /** The replacement at this exact path, or null when only deeper paths are replaced. */
  final Value value;
  final Map<Value, Overlay> children;

  private Overlay(Value value, Map<Value, Overlay> children) {
    this.value = value;
    this.children = children;
  }

  static Overlay with(Overlay base, Value[] path, int i, Value v) {
    if (i == path.length) {
      return new Overlay(v, Map.of());
    }
    Map<Value, Overlay> kids = new HashMap<>(base == null || base.value != null ? Map.of() : base.children);
    Overlay child = base == null || base.value != null ? null : base.children.get(path[i]);
    if (base != null && base.value != null) {
      // Replacing below an already replaced value: patch that value instead.
      return new Overlay(patch(base.value, path, i, v), Map.of());
    }
    kids.put(path[i], with(child, path, i + 1, v));
    return new Overlay(null, kids);
  }

  Overlay child(Value key) {
    return children.get(key);
  }

  /** Applies the deeper replacements of this overlay to a computed value. */
  Value applyTo(Value v) {
    if (value != null) {
      return value;
    }
    ObjectValue.Builder b = ObjectValue.builder();
    if (v instanceof ObjectValue o) {
      b.putAll(o);
    } else if (v != null) {
      return v; // replacements below a non-object do not apply
    }
    for (Map.Entry<Value, Overlay> e : children.entrySet()) {
      Value cur = b.get(e.getKey());
      Value next = e.getValue().applyTo(cur);
      if (next != null) {
        b.put(e.getKey(), next);
      }
    }
    return b.build();
  }

  /** {@code v} with {@code path[i..]} set to {@code leaf}, creating objects on the way. */
  static Value patch(Value v, Value[] path, int i, Value leaf) {
    if (i == path.length) {
      return leaf;
    }
    ObjectValue o = v instanceof ObjectValue ov ? ov : ObjectValue.EMPTY;
    return o.with(path[i], patch(o.get(path[i]), path, i + 1, leaf));
  }
}
