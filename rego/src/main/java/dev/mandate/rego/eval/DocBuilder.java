package dev.mandate.rego.eval;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.ast.Location;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates the object that rules with variables in their head references define:
 * {@code p[x].y := v} puts {@code v} at path {@code [x, "y"]}; {@code p[x] contains v} adds
 * {@code v} to the set at {@code [x]}. Two different values at one path are a conflict.
 */
final class DocBuilder {
  private final Map<Value, Object> root = new HashMap<>();

  void put(Value[] path, Value v, boolean addToSet, Location loc) {
    put(root, path, 0, v, addToSet, loc);
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<Value, Object> start, Value[] path, int from, Value v, boolean addToSet,
      Location loc) {
    Map<Value, Object> cur = start;
    for (int i = from; i < path.length - 1; i++) {
      Object next = cur.get(path[i]);
      if (next == null) {
        Map<Value, Object> m = new HashMap<>();
        cur.put(path[i], m);
        cur = m;
      } else if (next instanceof Map<?, ?> m) {
        cur = (Map<Value, Object>) m;
      } else if (next instanceof ObjectValue o) {
        Map<Value, Object> m = new HashMap<>(o.asMap());
        cur.put(path[i], m);
        cur = m;
      } else {
        throw conflict(loc);
      }
    }
    Value last = path[path.length - 1];
    Object existing = cur.get(last);
    if (addToSet) {
      if (existing == null) {
        Set<Value> s = new HashSet<>();
        s.add(v);
        cur.put(last, s);
      } else if (existing instanceof Set<?> s) {
        ((Set<Value>) s).add(v);
      } else {
        throw conflict(loc);
      }
    } else if (existing == null) {
      cur.put(last, v);
    } else if (existing instanceof Value ev) {
      if (!ev.equals(v)) {
        throw conflict(loc);
      }
    } else if (existing instanceof Set<?> set && v instanceof SetValue sv) {
      ((Set<Value>) set).addAll(sv.asSet()); // a partial set meeting a set-valued child rule
    } else if (existing instanceof Map<?, ?> m && v instanceof ObjectValue o) {
      // An object value meeting deeper contributions at the same key: merge them.
      for (Map.Entry<Value, Value> e : o.asMap().entrySet()) {
        put((Map<Value, Object>) m, new Value[] {e.getKey()}, 0, e.getValue(), false, loc);
      }
    } else {
      throw conflict(loc);
    }
  }

  private static EvalException conflict(Location loc) {
    return new EvalException(EvalException.CONFLICT, "object keys must be unique", loc);
  }

  /** The object built so far. */
  Value build() {
    return freeze(root);
  }

  @SuppressWarnings("unchecked")
  private static Value freeze(Map<Value, Object> m) {
    Map<Value, Value> out = new HashMap<>();
    for (Map.Entry<Value, Object> e : m.entrySet()) {
      Object v = e.getValue();
      Value fv;
      if (v instanceof Map<?, ?> mm) {
        fv = freeze((Map<Value, Object>) mm);
      } else if (v instanceof Set<?> s) {
        fv = SetValue.wrap((Set<Value>) s);
      } else {
        fv = (Value) v;
      }
      out.put(e.getKey(), fv);
    }
    return ObjectValue.wrap(out);
  }
}
