package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.CoreBuiltinHarness.arr;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.n;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.s;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.set;
import static dev.mandate.rego.builtins.CoreBuiltinHarness.v;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import org.junit.jupiter.api.Test;

class StringBuiltinsTest {
  private final CoreBuiltinHarness h = new CoreBuiltinHarness(StringBuiltins::register);

  /** U+1F600, outside the Basic Multilingual Plane: two UTF-16 units, one code point. */
  private static final String GRIN = "\uD83D\uDE00";

  @Test
  void concat() {
    assertEquals(s("a/b"), h.call("concat", s("/"), v("[\"a\", \"b\"]")));
    assertEquals(s("1,2,3"), h.call("concat", s(","), set(s("3"), s("1"), s("2"))));
    assertEquals(s(""), h.call("concat", s(","), ArrayValue.EMPTY));
    assertEquals(s(""), h.call("concat", s(","), SetValue.EMPTY));
    assertEquals(s("foo"), h.call("concat", s(""), v("[\"f\", \"o\", \"o\"]")));
    assertEquals(s("x"), h.call("concat", s("--"), v("[\"x\"]")));
    h.assertTypeError("operand 2 must be array of strings but got array containing number",
        "concat", s(","), v("[\"a\", 1]"));
    h.assertTypeError("operand 2 must be set of strings but got set containing null",
        "concat", s(","), set(s("a"), NullValue.INSTANCE));
    h.assertTypeError("operand 2 must be array of strings but got array containing number",
        "concat", s(","), v("[1]"));
    h.assertTypeError("operand 2 must be one of {set, array} but got string", "concat", s(","), s("ab"));
    h.assertTypeError("operand 1 must be string but got number", "concat", n(1), v("[\"a\"]"));
  }

  @Test
  void containsStartsEnds() {
    assertEquals(BooleanValue.TRUE, h.call("contains", s("abcdefgh"), s("defg")));
    assertEquals(BooleanValue.FALSE, h.call("contains", s("abcdefgh"), s("ac")));
    assertEquals(BooleanValue.TRUE, h.call("contains", s("abc"), s("")));
    assertEquals(BooleanValue.TRUE, h.call("startswith", s("abcdefgh"), s("abc")));
    assertEquals(BooleanValue.FALSE, h.call("startswith", s("abcdefgh"), s("bcd")));
    assertEquals(BooleanValue.TRUE, h.call("endswith", s("abcdefgh"), s("fgh")));
    assertEquals(BooleanValue.FALSE, h.call("endswith", s("abcdefgh"), s("fg")));
    h.assertTypeError("operand 2 must be string but got array", "startswith", s("a"), arr());
  }

  @Test
  void caseMappingIsPerCodePoint() {
    assertEquals(s("abcdef"), h.call("lower", s("AbCdEf")));
    assertEquals(s("ABCDEF"), h.call("upper", s("AbCdEf")));
    // Go maps each code point on its own: no expansion, no context.
    assertEquals(s("ß"), h.call("upper", s("ß")));
    assertEquals(s("i"), h.call("lower", s("\u0130")));
    assertEquals(s("οδοσ"), h.call("lower", s("ΟΔΟΣ")));
    assertEquals(s("ÅÄÖ" + GRIN), h.call("upper", s("åäö" + GRIN)));
    h.assertTypeError("operand 1 must be string but got number", "lower", n(1));
  }

  @Test
  void split() {
    assertEquals(v("[\"\"]"), h.call("split", s(""), s(".")));
    assertEquals(v("[\"foo\"]"), h.call("split", s("foo"), s(".")));
    assertEquals(v("[\"foo\", \"bar\", \"baz\"]"), h.call("split", s("foo.bar.baz"), s(".")));
    assertEquals(v("[\"a\", \"b\", \"\", \"c\", \"\"]"), h.call("split", s("a,b,,c,"), s(",")));
    assertEquals(v("[\"a\", \"c\"]"), h.call("split", s("a::c"), s("::")));
    assertEquals(arr(s("a"), s(GRIN), s("é")), h.call("split", s("a" + GRIN + "é"), s("")));
    assertEquals(ArrayValue.EMPTY, h.call("split", s(""), s("")));
  }

  @Test
  void substringCountsCodePoints() {
    assertEquals(s("cde"), h.call("substring", s("abcdefgh"), n(2), n(3)));
    assertEquals(s("åä"), h.call("substring", s("åäö"), n(0), n(2)));
    assertEquals(s("cdefgh"), h.call("substring", s("abcdefgh"), n(2), n(-1)));
    assertEquals(s("äö"), h.call("substring", s("aåäö"), n(2), n(-1)));
    assertEquals(s("cdefghåäö"), h.call("substring", s("abcdefghåäö"), n(2), n(10000)));
    assertEquals(s(""), h.call("substring", s("aaa"), n(3), n(-1)));
    assertEquals(s(""), h.call("substring", s("åäö"), n(4), n(-1)));
    assertEquals(s(""), h.call("substring", s(""), n(0), n(5)));
    assertEquals(s(GRIN + "b"), h.call("substring", s("a" + GRIN + "bc"), n(1), n(2)));
    assertEquals(s("bc"), h.call("substring", s("a" + GRIN + "bc"), n(2), n(Long.MAX_VALUE)));
    assertEquals(s(""), h.call("substring", s("abc"), n(1), n(0)));
  }

  @Test
  void substringErrors() {
    h.assertBuiltinError("negative offset", "substring", s("abc"), n(-1), n(1));
    h.assertTypeError("operand 2 must be integer number but got floating-point number",
        "substring", s("abc"), n("1.5"), n(1));
    h.assertTypeError("operand 3 must be integer number but got floating-point number",
        "substring", s("abc"), n(0), n("1e30"));
    h.assertTypeError("operand 1 must be string but got number", "substring", n(1), n(0), n(1));
  }

  @Test
  void trims() {
    assertEquals(s(""), h.call("trim", s(""), s(".")));
    assertEquals(s("foo.bar"), h.call("trim", s("...foo.bar..."), s(".")));
    assertEquals(s("oo.ba"), h.call("trim", s("...foo.bar..."), s(".fr")));
    assertEquals(s("foo, bar"), h.call("trim", s("¡¡¡foo, bar!!!"), s("!¡")));
    assertEquals(s("¡¡¡foo, bar!!!"), h.call("trim", s("¡¡¡foo, bar!!!"), s("i")));
    assertEquals(s("abc"), h.call("trim", s("abc"), s("")));
    assertEquals(s("x"), h.call("trim", s(GRIN + "x" + GRIN), s(GRIN)));
    assertEquals(s("foo, bar!!!"), h.call("trim_left", s("¡¡¡foo, bar!!!"), s("!¡")));
    assertEquals(s("¡¡¡foo, bar"), h.call("trim_right", s("¡¡¡foo, bar!!!"), s("!¡")));
    assertEquals(s(", bar!!!"), h.call("trim_prefix", s("¡¡¡foo, bar!!!"), s("¡¡¡foo")));
    assertEquals(s("¡¡¡foo, bar!!!"), h.call("trim_prefix", s("¡¡¡foo, bar!!!"), s("¡¡¡bar")));
    assertEquals(s("aab"), h.call("trim_prefix", s("aaab"), s("a")));
    assertEquals(s("¡¡¡foo"), h.call("trim_suffix", s("¡¡¡foo, bar!!!"), s(", bar!!!")));
    assertEquals(s("baa"), h.call("trim_suffix", s("baaa"), s("a")));
    h.assertTypeError("operand 2 must be string but got null", "trim", s("a"), NullValue.INSTANCE);
  }

  @Test
  void trimSpaceUsesGoWhiteSpace() {
    assertEquals(s("foo, bar"), h.call("trim_space", s(" \t\n foo, bar \n\t\r\n")));
    assertEquals(s("x"), h.call("trim_space", s("\u00A0\u2003x\u3000\u0085\u000B\f")));
    // Information separators are white space to Java but not to Go.
    assertEquals(s("\u001Cx\u001F"), h.call("trim_space", s("\u001Cx\u001F")));
    assertEquals(s(""), h.call("trim_space", s(" \t ")));
  }

  @Test
  void indexOfCountsCodePoints() {
    assertEquals(n(-1), h.call("indexof", s("abcdefgh"), s("xyz")));
    assertEquals(n(2), h.call("indexof", s("abcdefgh"), s("cd")));
    assertEquals(n(3), h.call("indexof", s("åäöx"), s("x")));
    assertEquals(n(1), h.call("indexof", s(GRIN + GRIN + "x"), s(GRIN + "x")));
    h.assertBuiltinError("empty search character", "indexof", s("abc"), s(""));
  }

  @Test
  void indexOfNFindsOverlappingMatches() {
    assertEquals(v("[3]"), h.call("indexof_n", s("dogcat"), s("cat")));
    assertEquals(v("[3, 9]"), h.call("indexof_n", s("dogcatdogcat"), s("cat")));
    assertEquals(ArrayValue.EMPTY, h.call("indexof_n", s("dogcat"), s("rabbit")));
    assertEquals(v("[0, 1, 2]"), h.call("indexof_n", s("aaaa"), s("aa")));
    assertEquals(v("[1, 3, 5]"), h.call("indexof_n", s("ö" + GRIN + "ä" + GRIN + "ü" + GRIN), s(GRIN)));
    h.assertBuiltinError("empty search character", "indexof_n", s("abc"), s(""));
  }

  @Test
  void replace() {
    assertEquals(s(""), h.call("replace", s(""), s("hi"), s("bye")));
    assertEquals(s("foo,bar,baz"), h.call("replace", s("foo.bar.baz"), s("."), s(",")));
    assertEquals(s("foo,,.bar"), h.call("replace", s("foo...bar"), s(".."), s(",,")));
    assertEquals(s("-a-" + GRIN + "-"), h.call("replace", s("a" + GRIN), s(""), s("-")));
    assertEquals(s("-"), h.call("replace", s(""), s(""), s("-")));
    h.assertTypeError("operand 3 must be string but got number", "replace", s("a"), s("a"), n(1));
  }

  @Test
  void replaceN() {
    ObjectValue html = ObjectValue.builder().put("<", s("&lt;")).put(">", s("&gt;")).build();
    assertEquals(s("This is &lt;b&gt;HTML&lt;/b&gt;!"), h.call("strings.replace_n", html, s("This is <b>HTML</b>!")));
    // At one position the smallest key wins, not the longest.
    ObjectValue overlapping = ObjectValue.builder().put("f", s("x")).put("foo", s("xxx")).build();
    assertEquals(s("xoobar"), h.call("strings.replace_n", overlapping, s("foobar")));
    ObjectValue chain = ObjectValue.builder().put("a", s("b")).put("b", s("c")).build();
    assertEquals(s("bc"), h.call("strings.replace_n", chain, s("ab")));
    ObjectValue none = ObjectValue.builder().put("old1", s("new1")).put("old2", s("new2")).build();
    assertEquals(s("Everything is new1, new2"), h.call("strings.replace_n", none, s("Everything is new1, new2")));
    assertEquals(s("abc"), h.call("strings.replace_n", ObjectValue.EMPTY, s("abc")));
    ObjectValue withEmpty = ObjectValue.builder().put("", s("-")).put("b", s("B")).build();
    assertEquals(s("-a-B-"), h.call("strings.replace_n", withEmpty, s("ab")));
  }

  @Test
  void replaceNErrors() {
    h.assertTypeError("operand 1 must be object but got array", "strings.replace_n", arr(), s("a"));
    h.assertTypeError("operand 2 must be string but got number", "strings.replace_n", ObjectValue.EMPTY, n(1));
    h.assertTypeError("operand 1 non-string key found in pattern object", "strings.replace_n",
        ObjectValue.builder().put(n(1), s("x")).put("a", s("b")).build(), s("a"));
    h.assertTypeError("operand 1 non-string value found in pattern object", "strings.replace_n",
        ObjectValue.builder().put("a", n(1)).build(), s("a"));
  }

  @Test
  void formatInt() {
    assertEquals(s("f"), h.call("format_int", n("15.5"), n(16)));
    assertEquals(s("3"), h.call("format_int", n("3.1"), n(10)));
    assertEquals(s("-3"), h.call("format_int", n("-3.9"), n(10)));
    assertEquals(s("-101"), h.call("format_int", n(-5), n(2)));
    assertEquals(s("ff"), h.call("format_int", n(255), n(16)));
    assertEquals(s("10"), h.call("format_int", n(8), n(8)));
    assertEquals(s("0"), h.call("format_int", n("0.5"), n(2)));
    assertEquals(s("123456789012345678901234567890"),
        h.call("format_int", n("123456789012345678901234567890"), n(10)));
    h.assertTypeError("operand 2 must be one of {2, 8, 10, 16}", "format_int", n("4.1"), n(199));
    h.assertTypeError("operand 2 must be one of {2, 8, 10, 16}", "format_int", n(4), n("2.5"));
    h.assertTypeError("operand 2 must be number but got string", "format_int", n(4), s("2"));
    h.assertTypeError("operand 1 must be number but got string", "format_int", s("4"), n(2));
  }

  @Test
  void reverseByCodePoint() {
    assertEquals(s("rab"), h.call("strings.reverse", s("bar")));
    assertEquals(s(""), h.call("strings.reverse", s("")));
    assertEquals(s("\u20E3\uFE0F2"), h.call("strings.reverse", s("2\uFE0F\u20E3")));
    assertEquals(s("\uD835\uDEFE" + GRIN + "1"), h.call("strings.reverse", s("1" + GRIN + "\uD835\uDEFE")));
    h.assertTypeError("operand 1 must be string but got object", "strings.reverse", v("{\"bar\": \"baz\"}"));
  }

  @Test
  void countNonOverlapping() {
    assertEquals(n(3), h.call("strings.count", s("cheese"), s("e")));
    assertEquals(n(3), h.call("strings.count", s("hello hello hello world"), s("hello")));
    assertEquals(n(0), h.call("strings.count", s("dummy"), s("x")));
    assertEquals(n(2), h.call("strings.count", s("aaaa"), s("aa")));
    // Go counts an empty needle once per code point plus once.
    assertEquals(n(4), h.call("strings.count", s("é" + GRIN + "x"), s("")));
  }

  @Test
  void anyPrefixAndSuffixMatch() {
    assertEquals(BooleanValue.TRUE, h.call("strings.any_prefix_match",
        v("[\"a/b/c\", \"a/b/d\", \"e/f/g\"]"), v("[\"a/\", \"d/\"]")));
    assertEquals(BooleanValue.FALSE, h.call("strings.any_prefix_match",
        v("[\"a/b/c\", \"a/b/d\", \"e/f/g\"]"), v("[\"f/\", \"d/\"]")));
    assertEquals(BooleanValue.FALSE, h.call("strings.any_prefix_match",
        v("[\"aa/bb/cc\"]"), set(s("a/b"), s("e/f"))));
    assertEquals(BooleanValue.TRUE, h.call("strings.any_prefix_match", s("abc"), s("ab")));
    assertEquals(BooleanValue.TRUE, h.call("strings.any_prefix_match", s("abc"), s("")));
    assertEquals(BooleanValue.FALSE, h.call("strings.any_prefix_match", ArrayValue.EMPTY, s("")));
    assertEquals(BooleanValue.FALSE, h.call("strings.any_prefix_match", s("abc"), SetValue.EMPTY));
    assertEquals(BooleanValue.TRUE, h.call("strings.any_suffix_match",
        set(s("a/b/c"), s("e/f/g")), v("[\"b/c\", \"x\"]")));
    assertEquals(BooleanValue.FALSE, h.call("strings.any_suffix_match", s("a/b/c"), s("b/")));
    assertEquals(BooleanValue.TRUE, h.call("strings.any_suffix_match", s("x" + GRIN), s(GRIN)));
  }

  @Test
  void anyMatchErrors() {
    for (String name : new String[] {"strings.any_prefix_match", "strings.any_suffix_match"}) {
      h.assertTypeError("operand 1 must be one of {string, set, array} but got number", name, n(1), s("a"));
      h.assertTypeError("operand 2 must be one of {string, set, array} but got number", name, s("a"), n(1));
      h.assertTypeError("operand 1 must be array of strings but got array containing number",
          name, v("[\"a\", 1]"), s("a"));
      h.assertTypeError("operand 2 must be array of strings but got array containing number",
          name, s("a"), v("[1]"));
      h.assertTypeError("operand 2 must be set of strings but got set containing boolean",
          name, s("a"), set(BooleanValue.TRUE));
    }
  }
}
