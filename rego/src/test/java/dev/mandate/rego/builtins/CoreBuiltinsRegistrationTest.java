package dev.mandate.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** All language-core families together: OPA's names and arities, no clashes, nothing removed in v1. */
class CoreBuiltinsRegistrationTest {
  private static BuiltinRegistry all() {
    BuiltinRegistry r = new BuiltinRegistry();
    OperatorBuiltins.register(r);
    ArithmeticBuiltins.register(r);
    AggregateBuiltins.register(r);
    ArrayBuiltins.register(r);
    SetBuiltins.register(r);
    ObjectBuiltins.register(r);
    TypeBuiltins.register(r);
    StringBuiltins.register(r);
    return r;
  }

  @Test
  void namesAndArities() {
    Map<String, Integer> expected = new TreeMap<>();
    for (String name : List.of("equal", "neq", "lt", "lte", "gt", "gte", "plus", "minus", "mul", "div", "rem",
        "and", "or", "internal.member_2", "array.concat", "object.remove", "object.filter", "object.union",
        "object.subset", "json.filter", "json.remove", "json.patch", "concat", "contains", "startswith",
        "endswith", "split", "trim", "trim_left", "trim_right", "trim_prefix", "trim_suffix", "indexof",
        "indexof_n", "strings.replace_n", "format_int", "strings.count", "strings.any_prefix_match",
        "strings.any_suffix_match", "numbers.range")) {
      expected.put(name, 2);
    }
    for (String name : List.of("internal.member_3", "numbers.range_step", "array.slice", "object.get",
        "substring", "replace")) {
      expected.put(name, 3);
    }
    for (String name : List.of("abs", "round", "ceil", "floor", "count", "sum", "product", "max", "min", "sort",
        "array.reverse", "intersection", "union", "object.keys", "object.union_n", "is_number", "is_string",
        "is_boolean", "is_array", "is_set", "is_object", "is_null", "type_name", "to_number", "lower", "upper",
        "trim_space", "strings.reverse")) {
      expected.put(name, 1);
    }
    BuiltinRegistry r = all();
    Map<String, Integer> actual = new TreeMap<>();
    for (String name : r.names()) {
      actual.put(name, r.lookup(name).arity());
      assertFalse(r.lookup(name).isRelation(), name);
    }
    assertEquals(expected, actual);
  }

  @Test
  void builtinsRemovedInRegoV1AreAbsent() {
    BuiltinRegistry r = all();
    for (String removed : List.of("all", "any", "re_match", "set_diff", "cast_array", "cast_set", "cast_string",
        "cast_boolean", "cast_null", "cast_object", "net.cidr_overlap")) {
      assertFalse(r.contains(removed), removed);
    }
  }
}
