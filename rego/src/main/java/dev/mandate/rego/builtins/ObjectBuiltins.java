package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code object.*} built-ins and the path-based {@code json.filter}, {@code json.remove} and
 * {@code json.patch}. Object keys may be any value, not only strings.
 */
public final class ObjectBuiltins {
  private ObjectBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.register(Builtin.intrinsic("object.get", 3, Intrinsics.OBJECT_GET));
    r.function("object.keys", 1,
        (ctx, a) -> SetValue.copyOf(Arrays.asList(Args.object(a, 0).keys())));
    r.function("object.remove", 2, (ctx, a) -> {
      ObjectValue obj = Args.object(a, 0);
      Set<Value> drop = keysOperand(a);
      ObjectValue.Builder out = ObjectValue.builder();
      obj.forEach((k, v) -> {
        if (!drop.contains(k)) {
          out.put(k, v);
        }
      });
      return out.build();
    });
    r.function("object.filter", 2, (ctx, a) -> {
      ObjectValue obj = Args.object(a, 0);
      Set<Value> keep = keysOperand(a);
      ObjectValue.Builder out = ObjectValue.builder();
      for (Value k : keep) {
        Value v = obj.get(k);
        if (v != null) {
          out.put(k, v);
        }
      }
      return out.build();
    });
    r.function("object.union", 2, (ctx, a) -> union(Args.object(a, 0), Args.object(a, 1)));
    r.function("object.union_n", 1, (ctx, a) -> unionN(a));
    r.function("object.subset", 2, (ctx, a) -> BooleanValue.of(subset(a[0], a[1])));
    r.function("json.filter", 2, (ctx, a) -> {
      ObjectValue obj = Args.object(a, 0);
      return JsonPaths.filter(obj, JsonPaths.tree(JsonPaths.pathsOperand(a)));
    });
    r.function("json.remove", 2, (ctx, a) -> {
      ObjectValue obj = Args.object(a, 0);
      return JsonPaths.remove(obj, JsonPaths.tree(JsonPaths.pathsOperand(a)));
    });
    // Any value can be patched; only the operations' type is checked. A patch that cannot be
    // applied is undefined, not an error.
    r.function("json.patch", 2, (ctx, a) -> JsonPatch.apply(a[0], Args.array(a, 1)));
  }

  /**
   * The value under a key, or under a path when the key is an array (an empty path is the
   * object itself); the default when there is nothing there.
   */
  static Value get(Value object, Value key, Value fallback) {
    if (!(object instanceof ObjectValue obj)) {
      throw Operands.typeError(0, object, "object");
    }
    if (!(key instanceof ArrayValue path)) {
      Value v = obj.get(key);
      return v != null ? v : fallback;
    }
    Value node = obj;
    for (Value segment : path) {
      node = find(node, segment);
      if (node == null) {
        return fallback;
      }
    }
    return node;
  }

  /** One step of a path: object key, array index, or set member; null when absent. */
  private static Value find(Value node, Value segment) {
    return switch (node) {
      case ObjectValue o -> o.get(segment);
      case ArrayValue arr -> {
        if (segment instanceof NumberValue n && n.isLong()) {
          long i = n.longValue();
          yield i >= 0 && i < arr.size() ? arr.get((int) i) : null;
        }
        yield null;
      }
      case SetValue s -> s.contains(segment) ? segment : null;
      default -> null;
    };
  }

  /** Operand 2 of object.remove / object.filter: keys given as an array, a set or an object's keys. */
  private static Set<Value> keysOperand(Value[] a) {
    return switch (a[1]) {
      case ArrayValue arr -> new HashSet<>(arr.asList());
      case SetValue s -> s.asSet();
      case ObjectValue o -> o.asMap().keySet();
      default -> throw Operands.typeError(1, a[1], "object", "set", "array");
    };
  }

  /** Merges b into a; where both hold objects under a key they merge recursively, else b wins. */
  static ObjectValue union(ObjectValue a, ObjectValue b) {
    if (a.equals(b)) {
      return a;
    }
    ObjectValue.Builder out = ObjectValue.builder(a.size() + b.size()).putAll(a);
    b.forEach((k, vb) -> {
      Value va = out.get(k);
      if (va instanceof ObjectValue oa && vb instanceof ObjectValue ob) {
        out.put(k, union(oa, ob));
      } else {
        out.put(k, vb);
      }
    });
    return out.build();
  }

  /** object.union over an array of objects, left to right. */
  private static Value unionN(Value[] a) {
    ArrayValue arr = Args.array(a, 0);
    // OPA walks the array from the end, so the last bad element is the one it reports.
    for (int i = arr.size() - 1; i >= 0; i--) {
      if (!(arr.get(i) instanceof ObjectValue)) {
        throw Operands.elementError(0, arr, arr.get(i), "object");
      }
    }
    ObjectValue result = ObjectValue.EMPTY;
    for (Value o : arr) {
      result = union(result, (ObjectValue) o);
    }
    return result;
  }

  /**
   * Whether {@code sub} is contained in {@code sup}: objects recursively by key, sets by
   * membership, arrays as a contiguous run, and a set within an array by membership.
   */
  private static boolean subset(Value sup, Value sub) {
    if (sup instanceof ObjectValue a && sub instanceof ObjectValue b) {
      return objectSubset(a, b);
    }
    if (sup instanceof SetValue a && sub instanceof SetValue b) {
      return a.asSet().containsAll(b.asSet());
    }
    if (sup instanceof ArrayValue a && sub instanceof ArrayValue b) {
      return arraySubset(a, b);
    }
    if (sup instanceof ArrayValue a && sub instanceof SetValue b) {
      return arrayCoversSet(a, b);
    }
    throw BuiltinException.type(
        "both arguments object.subset must be of the same type or array and set");
  }

  private static boolean objectSubset(ObjectValue sup, ObjectValue sub) {
    for (Value key : sub.keys()) {
      Value want = sub.get(key);
      Value have = sup.get(key);
      if (have == null) {
        return false;
      }
      if (have.equals(want)) {
        continue;
      }
      boolean nested = switch (have) {
        case ObjectValue h when want instanceof ObjectValue w -> objectSubset(h, w);
        case SetValue h when want instanceof SetValue w -> h.asSet().containsAll(w.asSet());
        case ArrayValue h when want instanceof ArrayValue w -> arraySubset(h, w);
        default -> false;
      };
      if (!nested) {
        return false;
      }
    }
    return true;
  }

  /**
   * OPA's array-and-set subset: it counts array elements that are members of the set until the
   * count reaches the set's size. So repeated elements count more than once ({@code [1, 1]}
   * covers {@code {1, 2}}), and an empty array covers nothing, not even the empty set. Kept as
   * OPA computes it so that decisions match.
   */
  private static boolean arrayCoversSet(ArrayValue sup, SetValue sub) {
    int unmatched = sub.size();
    for (Value e : sup) {
      if (sub.contains(e)) {
        unmatched--;
      }
      if (unmatched == 0) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code sub} occurs in {@code sup} as a contiguous run of equal elements. */
  private static boolean arraySubset(ArrayValue sup, ArrayValue sub) {
    List<Value> haystack = sup.asList();
    List<Value> needle = sub.asList();
    if (needle.size() > haystack.size()) {
      return false;
    }
    for (int start = 0; start + needle.size() <= haystack.size(); start++) {
      if (haystack.subList(start, start + needle.size()).equals(needle)) {
        return true;
      }
    }
    return false;
  }
}
