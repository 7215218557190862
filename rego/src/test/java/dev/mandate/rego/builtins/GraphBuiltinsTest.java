package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.BuiltinTestSupport.j;
import static dev.mandate.rego.builtins.BuiltinTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import dev.mandate.rego.value.Values;
import org.junit.jupiter.api.Test;

class GraphBuiltinsTest {
  private final BuiltinTestSupport t = new BuiltinTestSupport(GraphBuiltins::register);

  private String reachable(String graph, String initial) {
    return Values.toRego(t.call("graph.reachable", j(graph), j(initial)));
  }

  private String paths(String graph, String initial) {
    return Values.toRego(t.call("graph.reachable_paths", j(graph), j(initial)));
  }

  @Test
  void reachableFollowsEdgesAndIgnoresUnknownNodes() {
    String g = "{\"a\": [\"b\"], \"b\": [\"c\", \"x\"], \"c\": [\"a\"], \"d\": []}";
    assertEquals("{\"a\", \"b\", \"c\"}", reachable(g, "[\"a\"]"));
    assertEquals("{\"d\"}", reachable(g, "[\"d\"]"));
    assertEquals("set()", reachable(g, "[\"zzz\"]"));
    assertEquals("set()", reachable(g, "[]"));
  }

  @Test
  void reachableAcceptsSetsForEdgesAndInitialNodes() {
    ObjectValue g = ObjectValue.builder()
        .put("a", SetValue.of(s("b")))
        .put("b", SetValue.EMPTY)
        .put("c", NumberValue.of(7)) // not a collection: a node without neighbours
        .build();
    assertEquals(SetValue.of(s("a"), s("b"), s("c")), t.call("graph.reachable", g, SetValue.of(s("a"), s("c"))));
  }

  @Test
  void typeErrors() {
    assertEquals("operand 1 must be object but got array",
        t.typeError("graph.reachable", ArrayValue.EMPTY, ArrayValue.EMPTY).getMessage());
    assertEquals("operand 2 must be one of {array, set} but got string",
        t.typeError("graph.reachable", ObjectValue.EMPTY, s("a")).getMessage());
    t.typeError("graph.reachable_paths", ObjectValue.EMPTY, NumberValue.of(1));
  }

  @Test
  void pathsEndAtLeaves() {
    String g = "{\"a\": [\"b\", \"c\"], \"b\": [\"d\"], \"c\": [], \"d\": []}";
    assertEquals("{[\"a\", \"b\", \"d\"], [\"a\", \"c\"]}", paths(g, "[\"a\"]"));
    assertEquals("{[\"c\"]}", paths(g, "[\"c\"]"));
    assertEquals("set()", paths(g, "[\"nope\"]"));
  }

  @Test
  void pathsStopBeforeNodesOutsideTheGraph() {
    assertEquals("{[\"a\"], [\"a\", \"b\"]}", paths("{\"a\": [\"b\", \"x\"], \"b\": []}", "[\"a\"]"));
  }

  @Test
  void pathsStopAtCycles() {
    String g = "{\"a\": [\"b\"], \"b\": [\"c\"], \"c\": [\"a\"]}";
    assertEquals("{[\"a\", \"b\", \"c\"]}", paths(g, "[\"a\"]"));
    assertEquals("{[\"a\", \"b\", \"c\"], [\"b\", \"c\", \"a\"]}", paths(g, "[\"a\", \"b\"]"));
  }

  @Test
  void selfLoopOnAnInitialNodeIsFollowedOnceAsOpaDoes() {
    assertEquals("{[\"a\", \"a\"]}", paths("{\"a\": [\"a\"]}", "[\"a\"]"));
    // The first step re-enters "a" (path [a, a]); from there "a" is on the path, "b" is a leaf.
    assertEquals("{[\"a\", \"a\"], [\"a\", \"a\", \"b\"], [\"a\", \"b\"]}",
        paths("{\"a\": [\"a\", \"b\"], \"b\": []}", "[\"a\"]"));
  }

  @Test
  void diamondGivesEveryPath() {
    String g = "{\"a\": [\"b\", \"c\"], \"b\": [\"d\"], \"c\": [\"d\"], \"d\": [\"a\"]}";
    assertEquals("{[\"a\", \"b\", \"d\"], [\"a\", \"c\", \"d\"]}", paths(g, "[\"a\"]"));
  }

  @Test
  void longChainsDoNotOverflowTheStack() {
    ObjectValue.Builder b = ObjectValue.builder();
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      b.put(StringValue.of("n" + i), i + 1 < n ? ArrayValue.of(StringValue.of("n" + (i + 1))) : ArrayValue.EMPTY);
    }
    ObjectValue g = b.build();
    Value result = t.call("graph.reachable_paths", g, ArrayValue.of(s("n0")));
    SetValue set = (SetValue) result;
    assertEquals(1, set.size());
    assertEquals(n, ((ArrayValue) set.sortedElements()[0]).size());
    assertEquals(n, ((SetValue) t.call("graph.reachable", g, ArrayValue.of(s("n0")))).size());
  }
}
