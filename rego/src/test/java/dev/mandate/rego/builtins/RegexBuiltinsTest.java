package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.StrBuiltinsTestSupport.call;
import static dev.mandate.rego.builtins.StrBuiltinsTestSupport.callValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegexBuiltinsTest {
  private static final BuiltinRegistry R = new BuiltinRegistry();

  static {
    RegexBuiltins.register(R);
  }

  /**
   * Operation, pattern, input(s) and what Go's regexp (go1.19) returns: FindAllString,
   * FindAllStringSubmatch, Split(s, -1), ReplaceAllString, MatchString, or the Compile error.
   */
  private static final String GO_REFERENCE = """
["find","a.","paranormal","-1"]	["ar","an","al"]
["find","a.","paranormal","2"]	["ar","an"]
["find","a.","paranormal","0"]	[]
["find","a*","baaab","-1"]	["","aaa",""]
["find","x*","héllo","-1"]	["","","","","",""]
["find","","abc","-1"]	["","","",""]
["find","\\\\b","hello world","-1"]	["","","",""]
["find","^","abc","-1"]	[""]
["find","$","abc","-1"]	[""]
["find","a|","baaac","-1"]	["","a","a","a",""]
["find","(?i)straße","STRASSE Straße","-1"]	["Straße"]
["find","\\\\p{Greek}+","abc αβγ def δ","-1"]	["αβγ","δ"]
["find","[[:digit:]]+","a1b22c333","-1"]	["1","22","333"]
["find",".","😀a😀","-1"]	["😀","a","😀"]
["submatch","a(x*)b","-","-1"]	[]
["submatch","a(x*)b","-ab-axb-","-1"]	[["ab",""],["axb","x"]]
["submatch","[^aouiye]([aouiye])([^aouiye])?","somestri","-1"]	[["som","o","m"],["ri","i",""]]
["submatch","(a)|(b)","ab","-1"]	[["a","a",""],["b","","b"]]
["submatch","(?P\\u003cfirst\\u003e\\\\w+)\\\\s(?P\\u003clast\\u003e\\\\w+)","John Smith","-1"]	[["John Smith","John","Smith"]]
["submatch","(a*)","baaa","-1"]	[["",""],["aaa","aaa"]]
["split","a","banana"]	["b","n","n",""]
["split","^[a-z]+\\\\[[0-9]+\\\\]$",""]	[""]
["split","","abc"]	["a","b","c"]
["split","",""]	[]
["split","x*","axbxxc"]	["a","b","c"]
["split",",","a,b,,c,"]	["a","b","","c",""]
["split","\\\\s+","  leading and trailing  "]	["","leading","and","trailing",""]
["split","😀","a😀b😀"]	["a","b",""]
["replace","w(x*)y","-wy-wxxy-","0"]	"-0-0-"
["replace","(foo)","foo","$1$1"]	"foofoo"
["replace","(foo)","foo","$1x"]	""
["replace","(foo)","foo","${1}x"]	"foox"
["replace","(?P\\u003cn\\u003eo)","foo","[$n]"]	"f[o][o]"
["replace","(?P\\u003cn\\u003eo)","foo","[${n}]"]	"f[o][o]"
["replace","o","foo","$$"]	"f$$"
["replace","o","foo","$"]	"f$$"
["replace","o","foo","${"]	"f${${"
["replace","o","foo","${1"]	"f${1${1"
["replace","(o)","foo","$01"]	"f"
["replace","(o)","foo","$2"]	"f"
["replace","x*","abc","-"]	"-a-b-c-"
["replace","a*","baaac","-"]	"-b-c-"
["replace","","abc","-"]	"-a-b-c-"
["replace","^","abc","\\u003e"]	"\\u003eabc"
["replace","$","abc","\\u003c"]	"abc\\u003c"
["replace","é","héé","e"]	"hee"
["replace","(a)(b)?","ac ab","[$2]"]	"[]c [b]"
["match","^[a-z]+\\\\[[0-9]+\\\\]$","foo[1]"]	true
["match","^$",""]	true
["match","abc","xabcx"]	true
["match","(?s)a.b","a\\nb"]	true
["match","a.b","a\\nb"]	false
["match","^abc$","abc\\n"]	false
["match","(?m)^abc$","x\\nabc"]	true
["compile","["]	{"error":"error parsing regexp: missing closing ]: `[`"}
["compile","++"]	{"error":"error parsing regexp: missing argument to repetition operator: `+`"}
["compile","a{1001}"]	{"error":"error parsing regexp: invalid repeat count: `{1001}`"}
["compile","(a{1000}){1000}"]	{"error":"error parsing regexp: invalid repeat count: `{1000}`"}
["compile","(a{10}){100}"]	true
["compile","(a{11}){100}"]	{"error":"error parsing regexp: invalid repeat count: `{100}`"}
["compile","((a{2}){2}){250}"]	true
["compile","((a{2}){2}){251}"]	{"error":"error parsing regexp: invalid repeat count: `{251}`"}
["compile","(?:a{500}|b){2}"]	true
["compile","(?:a{500}|b){3}"]	{"error":"error parsing regexp: invalid repeat count: `{3}`"}
["compile","a)"]	{"error":"error parsing regexp: unexpected ): `a)`"}
["compile","(a"]	{"error":"error parsing regexp: missing closing ): `(a`"}
["compile","x**"]	{"error":"error parsing regexp: invalid nested repetition operator: `**`"}
["compile","\\\\8"]	{"error":"error parsing regexp: invalid escape sequence: `\\\\8`"}
["compile","[z-a]"]	{"error":"error parsing regexp: invalid character class range: `z-a`"}
["compile","(?i)abc"]	true
["compile","(a{0}){1000}"]	true
["compile","(a{1000}){0}"]	true
["compile","(a{1,}){1000}"]	true
["compile","(a{2,}){501}"]	{"error":"error parsing regexp: invalid repeat count: `{501}`"}
["compile","\\\\Q{1000}\\\\E{2}"]	true
["compile","[{1000}]{2}"]	true
["compile","\\\\pN{1000}"]	true
["compile","a{2}{3}"]	{"error":"error parsing regexp: invalid nested repetition operator: `{2}{3}`"}
["compile","\\\\é"]	{"error":"error parsing regexp: invalid escape sequence: `\\\\é`"}
["compile","[\\\\é]"]	{"error":"error parsing regexp: invalid escape sequence: `\\\\é`"}
["compile","\\\\Q\\\\é\\\\E"]	true
["compile","a\\\\"]	{"error":"error parsing regexp: trailing backslash at end of expression: ``"}
["submatch","(?P\\u003cn\\u003ea)|(?P\\u003cn\\u003eb)","ab","-1"]	[["a","a",""],["b","","b"]]
["replace","(?P\\u003cn\\u003ea)|(?P\\u003cn\\u003eb)","xaby","[$n]"]	"x[a][b]y"
["replace","(?P\\u003cn\\u003ea)(?P\\u003cn\\u003eb)","ab","[${n}]"]	"[a]"
["replace","(?P\\u003cn\\u003ea)(?P\\u003cdup0_n\\u003eb)(?P\\u003cn\\u003ec)","abc","[$dup0_n$n]"]	"[ba]"
      """;

  static Stream<Arguments> goReference() {
    List<Arguments> cases = new ArrayList<>();
    for (String line : GO_REFERENCE.strip().split("\n")) {
      String[] f = line.strip().split("\t");
      cases.add(Arguments.of(Json.parse(f[0]), Json.parse(f[1])));
    }
    return cases.stream();
  }

  private static Value s(String v) {
    return StringValue.of(v);
  }

  private static Value run(String name, Value... args) {
    return callValues(new StrBuiltinsTestSupport.Ctx(), R, name, args);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goReference")
  void matchesGoRegexp(Value caseValue, Value expected) {
    ArrayValue c = (ArrayValue) caseValue;
    String op = ((StringValue) c.get(0)).value();
    Value pattern = c.get(1);
    if (expected instanceof ObjectValue err) {
      String message = ((StringValue) err.get(StringValue.of("error"))).value();
      assertEquals(BooleanValue.FALSE, run("regex.is_valid", pattern));
      BuiltinException e = assertThrows(BuiltinException.class, () -> run("regex.match", pattern, s("")));
      assertEquals(EvalException.BUILTIN, e.code());
      assertEquals(message, e.getMessage());
      return;
    }
    Value actual = switch (op) {
      case "find" -> run("regex.find_n", pattern, c.get(2), NumberValue.parse(((StringValue) c.get(3)).value()));
      case "submatch" -> run("regex.find_all_string_submatch_n", pattern, c.get(2),
          NumberValue.parse(((StringValue) c.get(3)).value()));
      case "split" -> run("regex.split", pattern, c.get(2));
      case "replace" -> run("regex.replace", c.get(2), pattern, c.get(3));
      case "match" -> run("regex.match", pattern, c.get(2));
      case "compile" -> run("regex.is_valid", pattern);
      default -> throw new AssertionError(op);
    };
    assertEquals(expected, actual);
  }

  @Test
  void conformanceCases() {
    assertEquals(Json.parse("[\"ar\", \"an\", \"al\"]"), call(R, "regex.find_n", "\"a.\"", "\"paranormal\"", "-1"));
    assertEquals(Json.parse("[[\"som\", \"o\", \"m\"]]"), call(R, "regex.find_all_string_submatch_n",
        "\"[^aouiye]([aouiye])([^aouiye])?\"", "\"somestri\"", "1"));
    assertEquals(BooleanValue.FALSE, call(R, "regex.is_valid", "10"));
    assertEquals(BooleanValue.FALSE, call(R, "regex.is_valid", "\"++\""));
    assertEquals(BooleanValue.TRUE, call(R, "regex.template_match", "\"urn:foo:{.*}\"", "\"urn:foo:bar:baz\"", "\"{\"", "\"}\""));
    assertEquals(BooleanValue.TRUE, call(R, "regex.template_match", "\"urn:foo:<.*>\"", "\"urn:foo:bar:baz\"", "\"<\"", "\">\""));
    assertThrows(BuiltinException.class, () -> call(R, "regex.replace", "\"foo\"", "\"[\"", "\"$1\""));
  }

  @Test
  void replaceReturnsTheOperandWhenNothingChanged() {
    Value base = s("unchanged");
    assertSame(base, run("regex.replace", base, s("x"), s("y")));
  }

  @Test
  void operandErrors() {
    BuiltinException e = assertThrows(BuiltinException.class, () -> call(R, "regex.match", "1", "\"a\""));
    assertEquals(EvalException.TYPE, e.code());
    assertEquals("operand 1 must be string but got number", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> call(R, "regex.find_n", "\"a\"", "\"a\"", "1.5"));
    assertEquals(EvalException.TYPE, e.code());
    assertEquals("operand 3 must be integer number but got floating-point number", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> call(R, "regex.find_n", "\"a\"", "\"a\"", "99999999999999999999"));
    assertEquals(EvalException.TYPE, e.code());
    e = assertThrows(BuiltinException.class, () -> call(R, "regex.split", "\"a\"", "[]"));
    assertEquals("operand 2 must be string but got array", e.getMessage());
  }

  @Test
  void templateMatch() {
    assertEquals(BooleanValue.FALSE, call(R, "regex.template_match", "\"urn:foo:{[a-z]+}\"", "\"urn:foo:bar:baz\"", "\"{\"", "\"}\""));
    assertEquals(BooleanValue.TRUE, call(R, "regex.template_match", "\"a.{[0-9]+}.c\"", "\"a.42.c\"", "\"{\"", "\"}\""));
    // Outside the delimiters the dot is literal.
    assertEquals(BooleanValue.FALSE, call(R, "regex.template_match", "\"a.{[0-9]+}.c\"", "\"aX42.c\"", "\"{\"", "\"}\""));
    // Nested delimiters belong to the embedded pattern.
    assertEquals(BooleanValue.TRUE, call(R, "regex.template_match", "\"id-{a{2}}\"", "\"id-aa\"", "\"{\"", "\"}\""));
    BuiltinException e = assertThrows(BuiltinException.class,
        () -> call(R, "regex.template_match", "\"urn:{.*\"", "\"x\"", "\"{\"", "\"}\""));
    // Go's message puts the %q-quoted template inside another pair of quotes.
    assertEquals("unbalanced braces in \"\"urn:{.*\"\"", e.getMessage());
    e = assertThrows(BuiltinException.class,
        () -> call(R, "regex.template_match", "\"urn:{[}\"", "\"x\"", "\"{\"", "\"}\""));
    assertEquals("error parsing regexp: missing closing ]: `[$`", e.getMessage());
    e = assertThrows(BuiltinException.class,
        () -> call(R, "regex.template_match", "\"a\"", "\"a\"", "\"{{\"", "\"}\""));
    assertEquals("start delimiter has to be exactly one character long but is 2 long", e.getMessage());
    e = assertThrows(BuiltinException.class,
        () -> call(R, "regex.template_match", "\"a\"", "\"a\"", "\"{\"", "\"\""));
    assertEquals("end delimiter has to be exactly one character long but is 1 long", e.getMessage());
    // Delimiters are measured in UTF-8 bytes, as Go's len does.
    e = assertThrows(BuiltinException.class,
        () -> call(R, "regex.template_match", "\"a\"", "\"a\"", "\"é\"", "\"}\""));
    assertEquals("start delimiter has to be exactly one character long but is 2 long", e.getMessage());
  }

  @Test
  void globsMatch() {
    assertEquals(BooleanValue.TRUE, call(R, "regex.globs_match", "\"a.a.\"", "\".b.b\""));
    assertEquals(BooleanValue.FALSE, call(R, "regex.globs_match", "\"[a-z]+\"", "\"[0-9]*\""));
    assertEquals(BooleanValue.TRUE, call(R, "regex.globs_match", "\"a.a.[0-9]+z\"", "\".b.b2359825792*594823z\""));
    assertEquals(BooleanValue.FALSE, call(R, "regex.globs_match", "\"abc\"", "\"abd\""));
    assertEquals(BooleanValue.TRUE, call(R, "regex.globs_match", "\"ab*c\"", "\"abbbc\""));
    assertEquals(BooleanValue.TRUE, call(R, "regex.globs_match", "\"a.*\"", "\"[a-c]+xyz\""));
    assertEquals(BooleanValue.FALSE, call(R, "regex.globs_match", "\"a+\"", "\"b+\""));
    // Escapes make special characters literal.
    assertEquals(BooleanValue.TRUE, call(R, "regex.globs_match", "\"a\\\\.b\"", "\"a.b\""));
    assertEquals(BooleanValue.FALSE, call(R, "regex.globs_match", "\"a\\\\.b\"", "\"axb\""));
    BuiltinException e = assertThrows(BuiltinException.class, () -> call(R, "regex.globs_match", "\"[abc\"", "\"a\""));
    assertEquals(EvalException.BUILTIN, e.code());
    assertEquals("input:[abc, pos:4, found [ without matching ]: the input provided is invalid", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> call(R, "regex.globs_match", "\"[a-z\"", "\"a\""));
    assertEquals("input:[a-z, pos:3, range character '-' must be followed by a Unicode character: the input provided is invalid",
        e.getMessage());
    e = assertThrows(BuiltinException.class, () -> call(R, "regex.globs_match", "\"*a\"", "\"a\""));
    assertEquals("input:*a, pos:1, flag '*' must be preceded by a non-flag: the input provided is invalid", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> call(R, "regex.globs_match", "\"a]\"", "\"a\""));
    assertEquals("input:a], pos:2, set-close ']' with no preceding '[': the input provided is invalid", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> call(R, "regex.globs_match", "\"[z-a]\"", "\"a\""));
    assertEquals("input:[z-a], pos:4, range is out of order: 'a' comes before 'z' in Unicode: the input provided is invalid",
        e.getMessage());
  }

  @Test
  void unicodeAndEmptyInputs() {
    assertEquals(Json.parse("[\"é\", \"😀\"]"), call(R, "regex.find_n", "\"[^a-z]\"", "\"aébc😀\"", "-1"));
    assertEquals(BooleanValue.TRUE, call(R, "regex.match", "\"\"", "\"\""));
    assertEquals(BooleanValue.TRUE, call(R, "regex.match", "\"^.$\"", "\"😀\""));
    // A lone surrogate is one unit RE2J can still walk over.
    assertEquals(BooleanValue.TRUE, run("regex.match", s("a.b"), s("a\uD800b")));
    assertEquals(Json.parse("[]"), call(R, "regex.find_n", "\"a\"", "\"\"", "-1"));
  }

  @Test
  void pathologicalPatternFinishesFast() {
    String input = "a".repeat(100_000);
    long start = System.nanoTime();
    assertEquals(BooleanValue.FALSE, run("regex.match", s("(a*)*b"), s(input)));
    assertEquals(BooleanValue.FALSE, run("regex.match", s("^(a|aa)+$"), s(input + "!")));
    assertEquals(BooleanValue.FALSE, run("regex.match", s("(x+x+)+y"), s("x".repeat(50_000))));
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "RE2 must not backtrack");
  }

  @Test
  void hugeRepetitionsAreRefused() {
    BuiltinException e = assertThrows(BuiltinException.class, () -> call(R, "regex.match", "\"a{1001}\"", "\"a\""));
    assertEquals("error parsing regexp: invalid repeat count: `{1001}`", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> call(R, "regex.match", "\"((a{100}){100}){100}\"", "\"a\""));
    assertEquals("error parsing regexp: invalid repeat count: `{100}`", e.getMessage());
    String deep = "(".repeat(5000) + "a" + ")".repeat(5000);
    e = assertThrows(BuiltinException.class, () -> run("regex.match", s(deep), s("a")));
    assertTrue(e.getMessage().startsWith("error parsing regexp: expression nests too deeply"), e.getMessage());
  }

  @Test
  void loopsOverMatchesPollCancellation() {
    StrBuiltinsTestSupport.Ctx ctx = new StrBuiltinsTestSupport.Ctx();
    callValues(ctx, R, "regex.find_n", s("a"), s("a".repeat(1000)), NumberValue.of(-1));
    assertTrue(ctx.cancelChecks.get() >= 1000);
    StrBuiltinsTestSupport.Ctx cancelled = new StrBuiltinsTestSupport.Ctx();
    cancelled.cancelled = true;
    assertThrows(IllegalStateException.class,
        () -> callValues(cancelled, R, "regex.replace", s("a".repeat(1000)), s("a"), s("b")));
  }

  @Test
  void cacheStaysBounded() {
    for (int i = 0; i < GoRegex.CACHE_SIZE + 2_000; i++) {
      run("regex.match", s("bounded-" + i + "[0-9]"), s("x"));
    }
    assertTrue(GoRegex.cachedPatterns() <= GoRegex.CACHE_SIZE, "size " + GoRegex.cachedPatterns());
  }

  @Test
  void concurrentUseGivesConsistentAnswers() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            String pattern = "^x" + ((i + seed) % 50) + "-(\\d+)$";
            String input = "x" + ((i + seed) % 50) + "-" + i;
            if (run("regex.match", s(pattern), s(input)) != BooleanValue.TRUE) {
              return false;
            }
            Value groups = run("regex.find_all_string_submatch_n", s(pattern), s(input), NumberValue.of(-1));
            if (!((ArrayValue) ((ArrayValue) groups).get(0)).get(1).equals(s(Integer.toString(i)))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void isValidForNonStrings() {
    assertFalse(((BooleanValue) call(R, "regex.is_valid", "null")).value());
    assertFalse(((BooleanValue) call(R, "regex.is_valid", "[\"a\"]")).value());
    assertTrue(((BooleanValue) call(R, "regex.is_valid", "\"\"")).value());
  }
}
