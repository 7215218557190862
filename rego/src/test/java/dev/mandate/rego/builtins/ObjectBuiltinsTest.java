package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.CoreBuiltinHarness.arr;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.n;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.s;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.set;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ObjectBuiltinsTest {
  private final CoreBuiltinHarness h = new CoreBuiltinHarness(ObjectBuiltins::register);

  /** {1: {"b": {[1, 2, 3]: 1}}}: an object whose keys are not all strings. */
  private static final ObjectValue NON_STRING_KEYS = ObjectValue.builder()
      .put(n(1), ObjectValue.builder()
          .put("b", ObjectValue.builder().put(v("[1, 2, 3]"), n(1)).build())
          .build())
      .build();

  @Test
  void getByKey() {
    assertEquals(s("b"), h.call("object.get", v("{\"a\": \"b\"}"), s("a"), s("c")));
    assertEquals(s("c"), h.call("object.get", v("{\"a\": \"b\"}"), s("c"), s("c")));
    assertEquals(n(3), h.call("object.get", ObjectValue.builder().put(n(1), n(2)).build(), n(2), n(3)));
    assertEquals(n(2), h.call("object.get", ObjectValue.builder().put(n(1), n(2)).build(), n("1.0"), n(3)));
    assertEquals(v("{\"b\": \"c\"}"), h.call("object.get", v("{\"a\": {\"b\": \"c\"}}"), s("a"), BooleanValue.TRUE));
    // A present null is a value, not absence.
    assertEquals(NullValue.INSTANCE, h.call("object.get", v("{\"a\": null}"), s("a"), n(1)));
  }

  @Test
  void getByPath() {
    assertEquals(v("{\"a\": 1}"), h.call("object.get", v("{\"a\": 1}"), ArrayValue.EMPTY, n(2)));
    assertEquals(n(1), h.call("object.get", v("{\"a\": {\"b\": {\"c\": 1}}}"), v("[\"a\", \"b\", \"c\"]"), n(2)));
    assertEquals(n(2), h.call("object.get", v("{\"a\": {\"b\": {\"c\": 1}}}"), v("[\"a\", \"b\", \"a\"]"), n(2)));
    assertEquals(n(2), h.call("object.get", v("{\"a\": {\"b\": 1}}"), v("[\"b\", \"a\"]"), n(2)));
    assertEquals(n(1), h.call("object.get", NON_STRING_KEYS, arr(n(1), s("b"), v("[1, 2, 3]")), n(2)));
    assertEquals(n(2), h.call("object.get", v("{\"a\": {\"b\": [1, 2, 3]}}"), v("[\"a\", \"b\", \"a\"]"), n(2)));
    assertEquals(n(1), h.call("object.get", v("{\"a\": {\"b\": [{\"c\": 1}]}}"), v("[\"a\", \"b\", 0, \"c\"]"), n(2)));
    assertEquals(n(2), h.call("object.get", v("{\"a\": [10]}"), v("[\"a\", 1]"), n(2)));
    assertEquals(n(2), h.call("object.get", v("{\"a\": [10]}"), v("[\"a\", \"0\"]"), n(2)));
    assertEquals(n(2), h.call("object.get", v("{\"a\": \"str\"}"), v("[\"a\", 0]"), n(2)));
    ObjectValue withSet = ObjectValue.builder().put("s", set(s("x"), s("y"))).build();
    assertEquals(s("x"), h.call("object.get", withSet, arr(s("s"), s("x")), n(2)));
    assertEquals(n(2), h.call("object.get", withSet, arr(s("s"), s("z")), n(2)));
  }

  @Test
  void getRequiresAnObject() {
    h.assertTypeError("operand 1 must be object but got string", "object.get", s("object"), v("[\"a\"]"), n(2));
  }

  @Test
  void keys() {
    assertEquals(set(s("a"), s("b")), h.call("object.keys", v("{\"a\": 1, \"b\": 2}")));
    assertEquals(set(n(1), v("[1, 2, 3]")), h.call("object.keys", ObjectValue.builder()
        .put(n(1), n(1)).put(v("[1, 2, 3]"), n(2)).build()));
    assertEquals(SetValue.EMPTY, h.call("object.keys", ObjectValue.EMPTY));
    h.assertTypeError("operand 1 must be object but got string", "object.keys", s("object"));
  }

  @Test
  void remove() {
    Value obj = v("{\"a\": 1, \"b\": {\"c\": 3}, \"d\": 4}");
    assertEquals(v("{\"b\": {\"c\": 3}, \"d\": 4}"), h.call("object.remove", obj, set(s("a"))));
    assertEquals(v("{\"a\": 1}"), h.call("object.remove", obj, v("[\"b\", \"d\"]")));
    assertEquals(v("{\"a\": 1}"), h.call("object.remove", obj, v("{\"b\": 1, \"d\": \"\"}")));
    assertEquals(obj, h.call("object.remove", obj, SetValue.EMPTY));
    assertEquals(obj, h.call("object.remove", obj, set(s("z"))));
    assertEquals(ObjectValue.EMPTY, h.call("object.remove", ObjectValue.EMPTY, set(s("a"))));
    ObjectValue mixed = ObjectValue.builder().put("a", n(1)).put(v("[[7]]"), n(2)).build();
    assertEquals(v("{\"a\": 1}"), h.call("object.remove", mixed, set(v("[[7]]"))));
  }

  @Test
  void filter() {
    assertEquals(v("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}}"),
        h.call("object.filter", v("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}"), set(s("a"))));
    Value obj = v("{\"a\": 1, \"b\": 2, \"c\": 3, \"e\": 9}");
    assertEquals(v("{\"a\": 1, \"e\": 9}"), h.call("object.filter", obj, set(s("a"), s("e"))));
    assertEquals(v("{\"a\": 1, \"e\": 9}"), h.call("object.filter", obj, v("{\"a\": \"foo\", \"e\": \"\"}")));
    assertEquals(v("{\"a\": 1}"), h.call("object.filter", obj, v("[\"a\", \"a\", \"zz\"]")));
    assertEquals(ObjectValue.EMPTY, h.call("object.filter", v("{\"a\": 7}"), ArrayValue.EMPTY));
    ObjectValue mixed = ObjectValue.builder().put("a", n(1)).put(v("[[7]]"), n(2)).build();
    assertEquals(ObjectValue.builder().put(v("[[7]]"), n(2)).build(),
        h.call("object.filter", mixed, set(v("[[7]]"))));
  }

  @Test
  void removeAndFilterOperandErrors() {
    h.assertTypeError("operand 1 must be object but got array", "object.filter", v("[\"a\"]"), set(s("a")));
    h.assertTypeError("operand 1 must be object but got null", "object.remove", NullValue.INSTANCE, set(s("a")));
    h.assertTypeError("operand 2 must be one of {object, set, array} but got string",
        "object.filter", v("{\"a\": 1}"), s("foo"));
    h.assertTypeError("operand 2 must be one of {object, set, array} but got boolean",
        "object.remove", v("{\"a\": 1}"), BooleanValue.TRUE);
  }

  @Test
  void union() {
    assertEquals(ObjectValue.EMPTY, h.call("object.union", ObjectValue.EMPTY, ObjectValue.EMPTY));
    assertEquals(v("{\"a\": 1}"), h.call("object.union", ObjectValue.EMPTY, v("{\"a\": 1}")));
    assertEquals(v("{\"a\": 2}"), h.call("object.union", v("{\"a\": 1}"), v("{\"a\": 2}")));
    assertEquals(v("{\"a\": {\"b\": {\"c\": 1}}, \"b\": 2}"),
        h.call("object.union", v("{\"b\": 2}"), v("{\"a\": {\"b\": {\"c\": 1}}}")));
    assertEquals(v("{\"a\": {\"b\": \"foo\", \"b1\": \"bar\"}, \"d\": 7, \"e\": 17}"),
        h.call("object.union", v("{\"a\": {\"b\": {\"c\": 1}}, \"e\": 1}"),
            v("{\"a\": {\"b\": \"foo\", \"b1\": \"bar\"}, \"d\": 7, \"e\": 17}")));
    assertEquals(v("{\"a\": {\"x\": 1, \"y\": 2}}"),
        h.call("object.union", v("{\"a\": {\"x\": 1}}"), v("{\"a\": {\"y\": 2}}")));
    h.assertTypeError("operand 1 must be object but got array", "object.union", v("[1]"), v("{}"));
    h.assertTypeError("operand 2 must be object but got array", "object.union", v("{}"), v("[1]"));
  }

  @Test
  void unionN() {
    assertEquals(ObjectValue.EMPTY, h.call("object.union_n", v("[{}]")));
    assertEquals(ObjectValue.EMPTY, h.call("object.union_n", ArrayValue.EMPTY));
    assertEquals(v("{\"foo\": \"baz\"}"), h.call("object.union_n", v("[{\"foo\": \"bar\"}, {\"foo\": \"baz\"}]")));
    assertEquals(v("{\"a\": \"final A!\", \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"foo\": \"baz\"}"),
        h.call("object.union_n", v("[{\"a\": 1, \"b\": 2, \"c\": 3}, "
            + "{\"foo\": \"baz\", \"a\": \"a\", \"b\": 2, \"d\": 4}, {\"a\": \"final A!\", \"e\": 5.0}]")));
    // A scalar between two objects cuts the merge: only what comes after it survives.
    assertEquals(v("{\"a\": {\"c\": 3}}"),
        h.call("object.union_n", v("[{\"a\": {\"b\": 2}}, {\"a\": 4}, {\"a\": {\"c\": 3}}]")));
    assertEquals(v("{\"a\": {\"b\": 2, \"c\": 3}}"),
        h.call("object.union_n", v("[{\"a\": 4}, {\"a\": {\"b\": 2}}, {\"a\": {\"c\": 3}}]")));
    h.assertTypeError("operand 1 must be array of objects but got array containing string",
        "object.union_n", v("[{\"foo\": 1}, {\"bar\": 2}, \"baz\"]"));
    h.assertTypeError("operand 1 must be array of objects but got array containing string",
        "object.union_n", v("[1, \"baz\"]"));
    h.assertTypeError("operand 1 must be array but got set", "object.union_n", set(v("{}")));
  }

  @Test
  void subsetOfObjectsSetsAndArrays() {
    Value a = v("{\"a\": 5, \"b\": 7, \"c\": 15, \"nested\": {\"x\": 10, \"y\": 15, \"z\": 20, "
        + "\"arr1\": [6, 7, 8, 9]}}");
    assertEquals(BooleanValue.TRUE, h.call("object.subset", a, v("{\"a\": 5}")));
    assertEquals(BooleanValue.FALSE, h.call("object.subset", v("{\"a\": 5}"), a));
    assertEquals(BooleanValue.FALSE, h.call("object.subset", a, v("{\"a\": 5, \"b\": 10}")));
    assertEquals(BooleanValue.TRUE, h.call("object.subset", a, v("{\"nested\": {\"y\": 15, \"arr1\": [7, 8]}}")));
    assertEquals(BooleanValue.FALSE, h.call("object.subset", a, v("{\"nested\": {\"arr1\": [6, 8]}}")));
    assertEquals(BooleanValue.TRUE, h.call("object.subset",
        ObjectValue.builder().put("s", set(n(1), n(2), n(3))).build(),
        ObjectValue.builder().put("s", set(n(3), n(1))).build()));

    assertEquals(BooleanValue.TRUE, h.call("object.subset", set(n(1), n(2), n(3)), set(n(3), n(2))));
    assertEquals(BooleanValue.FALSE, h.call("object.subset", set(n(3), n(2)), set(n(1), n(2), n(3))));
    // Set members are compared whole, never recursively.
    assertEquals(BooleanValue.FALSE, h.call("object.subset",
        set(n(1), set(s("a"), s("b"), s("c"))), set(set(s("a"), s("b")))));

    Value six = v("[1, 2, 3, 4, 5, 6]");
    assertEquals(BooleanValue.TRUE, h.call("object.subset", six, v("[3, 4, 5]")));
    assertEquals(BooleanValue.TRUE, h.call("object.subset", six, v("[4, 5, 6]")));
    assertEquals(BooleanValue.TRUE, h.call("object.subset", six, six));
    assertEquals(BooleanValue.TRUE, h.call("object.subset", six, ArrayValue.EMPTY));
    assertEquals(BooleanValue.FALSE, h.call("object.subset", six, v("[4, 5, 6, 8]")));
    assertEquals(BooleanValue.FALSE, h.call("object.subset", six, v("[1, 3]")));
    assertEquals(BooleanValue.TRUE, h.call("object.subset", v("[1, 1, 2]"), v("[1, 2]")));

    assertEquals(BooleanValue.TRUE, h.call("object.subset", six, set(n(4), n(3), n(2))));
    assertEquals(BooleanValue.FALSE, h.call("object.subset", six, set(n(9), n(8), n(7))));
  }

  @Test
  void subsetOfArrayAndSetCountsAsOpaDoes() {
    // OPA counts matching array elements, repeats included, and an empty array covers nothing.
    assertEquals(BooleanValue.TRUE, h.call("object.subset", v("[1, 1]"), set(n(1), n(2))));
    assertEquals(BooleanValue.FALSE, h.call("object.subset", ArrayValue.EMPTY, SetValue.EMPTY));
    assertEquals(BooleanValue.TRUE, h.call("object.subset", v("[7]"), SetValue.EMPTY));
  }

  @Test
  void subsetOfMismatchedKindsIsATypeError() {
    String message = "both arguments object.subset must be of the same type or array and set";
    h.assertTypeError(message, "object.subset", set(n(1)), v("[1]"));
    h.assertTypeError(message, "object.subset", v("{}"), v("[]"));
    h.assertTypeError(message, "object.subset", n(1), n(1));
  }

  @Test
  void jsonFilter() {
    Value doc = v("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}, \"x\": [1, {\"y\": 2, \"z\": 3}]}, \"e\": 9}");
    assertEquals(v("{\"a\": {\"b\": {\"c\": 7}}, \"e\": 9}"), h.call("json.filter", doc, v("[\"a/b/c\", \"e\"]")));
    assertEquals(v("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}}"), h.call("json.filter", doc, set(s("a/b/c"), s("/a/b"))));
    assertEquals(v("{\"a\": {\"x\": [{\"z\": 3}]}}"), h.call("json.filter", doc, set(s("a/x/1/z"))));
    assertEquals(v("{\"a\": {\"b\": {\"d\": 8}}}"), h.call("json.filter", doc, arr(v("[\"a\", \"b\", \"d\"]"))));
    // An index given as a number does not select array elements: only its string form does.
    assertEquals(v("{\"a\": {\"x\": []}}"), h.call("json.filter", doc, arr(v("[\"a\", \"x\", 0]"))));
    assertEquals(ObjectValue.EMPTY, h.call("json.filter", doc, set(s(""))));
    assertEquals(v("{\"a/b\": 1}"), h.call("json.filter", v("{\"a/b\": 1, \"c~d\": 2}"), set(s("a~1b"))));
    assertEquals(v("{\"c~d\": 2}"), h.call("json.filter", v("{\"a/b\": 1, \"c~d\": 2}"), set(s("c~0d"))));
    ObjectValue withSet = ObjectValue.builder().put("s", set(s("x"), s("y"))).build();
    assertEquals(ObjectValue.builder().put("s", set(s("x"))).build(), h.call("json.filter", withSet, set(s("s/x"))));
  }

  @Test
  void jsonRemove() {
    Value doc = v("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}, \"x\": [1, {\"y\": 2, \"z\": 3}, 4]}, \"e\": 9}");
    assertEquals(v("{\"a\": {\"b\": {\"d\": 8}, \"x\": [1, {\"y\": 2, \"z\": 3}, 4]}}"),
        h.call("json.remove", doc, v("[\"a/b/c\", \"e\"]")));
    assertEquals(v("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}, \"x\": [1, 4]}, \"e\": 9}"),
        h.call("json.remove", doc, set(s("/a/x/1"))));
    assertEquals(v("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}, \"x\": [1, {\"y\": 2}, 4]}, \"e\": 9}"),
        h.call("json.remove", doc, arr(v("[\"a\", \"x\", \"1\", \"z\"]"))));
    assertEquals(doc, h.call("json.remove", doc, set(s("a/nope"), s(""))));
    assertEquals(v("{\"e\": 9}"), h.call("json.remove", doc, set(s("a/b"), s("a"))));
    ObjectValue withSet = ObjectValue.builder().put("s", set(s("x"), s("y"))).build();
    assertEquals(ObjectValue.builder().put("s", set(s("y"))).build(), h.call("json.remove", withSet, set(s("s/x"))));
  }

  @Test
  void jsonFilterAndRemoveOperandErrors() {
    h.assertTypeError("operand 1 must be object but got array", "json.filter", v("[]"), set(s("a")));
    h.assertTypeError("operand 2 must be one of {set, array} but got string", "json.remove", v("{}"), s("a"));
    h.assertTypeError("operand 2 must be one of {set, array} containing string paths or array of path "
        + "segments but got number", "json.filter", v("{}"), set(n(1)));
    h.assertTypeError("operand 2 must be one of {set, array} containing string paths or array of path "
        + "segments but got object", "json.remove", v("{}"), arr(v("{}")));
  }

  /** doc | patch | expected (empty: the patch fails, so the result is undefined). */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "{\"foo\": \"bar\"} | [{\"op\": \"add\", \"path\": \"/baz\", \"value\": \"qux\"}] | {\"baz\": \"qux\", \"foo\": \"bar\"}",
      "{\"foo\": [\"bar\", \"baz\"]} | [{\"op\": \"add\", \"path\": \"/foo/1\", \"value\": \"qux\"}] | {\"foo\": [\"bar\", \"qux\", \"baz\"]}",
      "{\"baz\": \"qux\", \"foo\": \"bar\"} | [{\"op\": \"remove\", \"path\": \"/baz\"}] | {\"foo\": \"bar\"}",
      "{\"foo\": [\"bar\", \"qux\", \"baz\"]} | [{\"op\": \"remove\", \"path\": \"/foo/1\"}] | {\"foo\": [\"bar\", \"baz\"]}",
      "{\"baz\": \"qux\"} | [{\"op\": \"replace\", \"path\": \"/baz\", \"value\": \"boo\"}] | {\"baz\": \"boo\"}",
      "{\"foo\": {\"bar\": \"baz\", \"waldo\": \"fred\"}, \"qux\": {\"corge\": \"grault\"}} | [{\"op\": \"move\", \"from\": \"/foo/waldo\", \"path\": \"/qux/thud\"}] | {\"foo\": {\"bar\": \"baz\"}, \"qux\": {\"corge\": \"grault\", \"thud\": \"fred\"}}",
      "{\"foo\": [\"all\", \"grass\", \"cows\", \"eat\"]} | [{\"op\": \"move\", \"from\": \"/foo/1\", \"path\": \"/foo/3\"}] | {\"foo\": [\"all\", \"cows\", \"eat\", \"grass\"]}",
      "{\"baz\": \"qux\", \"foo\": [\"a\", 2]} | [{\"op\": \"test\", \"path\": \"/baz\", \"value\": \"qux\"}, {\"op\": \"test\", \"path\": \"/foo/1\", \"value\": 2}] | {\"baz\": \"qux\", \"foo\": [\"a\", 2]}",
      "{\"baz\": \"qux\"} | [{\"op\": \"test\", \"path\": \"/baz\", \"value\": \"bar\"}] | ",
      "{\"q\": {\"bar\": 2}} | [{\"op\": \"add\", \"path\": \"/a/b\", \"value\": 1}] | ",
      "{\"/\": 9, \"~1\": 10} | [{\"op\": \"test\", \"path\": \"/~01\", \"value\": 10}] | {\"/\": 9, \"~1\": 10}",
      "{\"/\": 9, \"~1\": 10} | [{\"op\": \"test\", \"path\": \"/~01\", \"value\": \"10\"}] | ",
      "{\"foo\": [\"bar\"]} | [{\"op\": \"add\", \"path\": \"/foo/-\", \"value\": [\"abc\"]}] | {\"foo\": [\"bar\", [\"abc\"]]}",
      "{} | [{\"op\": \"add\", \"path\": \"\", \"value\": []}] | []",
      "[] | [{\"op\": \"add\", \"path\": \"/-\", \"value\": \"hi\"}] | [\"hi\"]",
      "{} | [{\"op\": \"add\", \"path\": \"/\", \"value\": 1}] | {\"\": 1}",
      "{\"foo\": {}} | [{\"op\": \"add\", \"path\": \"/foo/\", \"value\": 1}] | {\"foo\": {\"\": 1}}",
      "{\"bar\": [1, 2]} | [{\"op\": \"add\", \"path\": \"/bar/8\", \"value\": 5}] | ",
      "{\"bar\": [1, 2]} | [{\"op\": \"add\", \"path\": \"/bar/-1\", \"value\": 5}] | ",
      "[\"foo\", \"sil\"] | [{\"op\": \"add\", \"path\": \"/2\", \"value\": \"bar\"}] | [\"foo\", \"sil\", \"bar\"]",
      "[\"foo\", \"sil\"] | [{\"op\": \"add\", \"path\": \"/bar\", \"value\": 42}] | ",
      "[\"foo\", \"bar\"] | [{\"op\": \"test\", \"path\": \"/1e0\", \"value\": \"bar\"}] | ",
      "[\"foo\", \"bar\"] | [{\"op\": \"test\", \"path\": \"/01\", \"value\": \"bar\"}] | ",
      "[1, 2, 3] | [{\"op\": \"add\", \"path\": \"1.2\", \"value\": \"foo\"}] | ",
      "{\"foo\": \"bar\"} | [{\"op\": \"replace\", \"path\": \"\", \"value\": {\"baz\": \"qux\"}}] | {\"baz\": \"qux\"}",
      "{\"bar\": \"baz\"} | [{\"op\": \"replace\", \"path\": \"/foo/bar\", \"value\": false}] | ",
      "{\"foo\": 1} | [{\"op\": \"move\", \"from\": \"/foo\", \"path\": \"/foo\"}] | {\"foo\": 1}",
      "{\"baz\": [{\"qux\": \"hello\"}], \"bar\": 1} | [{\"op\": \"move\", \"from\": \"/baz/0/qux\", \"path\": \"/baz/1\"}] | {\"baz\": [{}, \"hello\"], \"bar\": 1}",
      "{\"baz\": [{\"qux\": \"hello\"}]} | [{\"op\": \"copy\", \"from\": \"/baz/0\", \"path\": \"/boo\"}] | {\"baz\": [{\"qux\": \"hello\"}], \"boo\": {\"qux\": \"hello\"}}",
      "[1, 2, [3, [4, 5]]] | [{\"op\": \"add\", \"path\": \"/2/1/-\", \"value\": 6}] | [1, 2, [3, [4, 5, 6]]]",
      "[1, 2, 3, 4] | [{\"op\": \"remove\", \"path\": \"/1\"}, {\"op\": \"remove\", \"path\": \"/2\"}] | [1, 3]",
      "[\"foo\", \"bar\"] | [{\"op\": \"remove\", \"path\": \"/2\"}] | ",
      "{} | [{\"op\": \"add\", \"value\": \"bar\"}] | ",
      "{} | [{\"op\": \"add\", \"path\": null, \"value\": \"bar\"}] | ",
      "[1] | [{\"op\": \"add\", \"path\": \"/-\"}] | ",
      "[1] | [{\"op\": \"copy\", \"path\": \"/-\"}] | ",
      "{\"foo\": 1} | [{\"op\": \"move\", \"from\": \"/bar\", \"path\": \"/foo\"}] | ",
      "{\"foo\": 1} | [{\"op\": \"spam\", \"path\": \"/foo\", \"value\": 1}] | ",
      "{\"foo\": 1} | [1] | ",
      "{\"foo\": 1} | [{\"op\": \"remove\", \"path\": \"\"}] | ",
      "{\"a\": {\"b\": 1}} | [{\"op\": \"add\", \"path\": [\"a\", \"c\"], \"value\": 2}] | {\"a\": {\"b\": 1, \"c\": 2}}",
      "{\"foo\": \"bar\"} | [] | {\"foo\": \"bar\"}",
  })
  void jsonPatch(String doc, String patch, String expected) {
    Value result = h.call("json.patch", v(doc), v(patch));
    if (expected == null) {
      assertNull(result, () -> "expected undefined but got " + result);
    } else {
      assertEquals(v(expected), result);
    }
  }

  @Test
  void jsonPatchOnSetsAndNonStringKeys() {
    Value doc = ObjectValue.builder().put("s", set(arr(n(0)), s("a"))).build();
    // Adding to a set adds the value, which must equal the last path segment.
    assertEquals(ObjectValue.builder().put("s", set(arr(n(0)), s("a"), s("b"))).build(),
        h.call("json.patch", doc, arr(v("{\"op\": \"add\", \"path\": \"/s/b\", \"value\": \"b\"}"))));
    assertNull(h.call("json.patch", doc, arr(v("{\"op\": \"add\", \"path\": \"/s/b\", \"value\": \"c\"}"))));
    // A path can step into a set member and change it.
    ObjectValue addIntoMember = ObjectValue.builder().put("op", s("add"))
        .put("path", arr(s("s"), arr(n(0)), n(1))).put("value", n(1)).build();
    assertEquals(ObjectValue.builder().put("s", set(arr(n(0), n(1)), s("a"))).build(),
        h.call("json.patch", doc, arr(addIntoMember)));
    assertEquals(ObjectValue.builder().put("s", set(arr(n(0)))).build(),
        h.call("json.patch", doc, arr(v("{\"op\": \"remove\", \"path\": \"/s/a\"}"))));
    ObjectValue numberKey = ObjectValue.builder().put(n(1), s("x")).build();
    ObjectValue removeNumberKey = ObjectValue.builder().put("op", s("remove")).put("path", arr(n(1))).build();
    assertEquals(ObjectValue.EMPTY, h.call("json.patch", numberKey, arr(removeNumberKey)));
    // Scalars can be patched as a whole.
    assertEquals(s("bar"), h.call("json.patch", s("foo"),
        arr(v("{\"op\": \"replace\", \"path\": \"\", \"value\": \"bar\"}"))));
    h.assertTypeError("operand 2 must be array but got object", "json.patch", v("{}"), v("{}"));
  }
}
