package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.StrBuiltinsTestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobBuiltinsTest {
  private static final BuiltinRegistry R = new BuiltinRegistry();

  static {
    GlobBuiltins.register(R);
  }

  private static boolean match(String pattern, String delimitersJson, String input) {
    Value v = StrBuiltinsTestSupport.callValues(new StrBuiltinsTestSupport.Ctx(), R, "glob.match",
        StringValue.of(pattern), Json.parse(delimitersJson), StringValue.of(input));
    return ((BooleanValue) v).value();
  }

  /** The globmatch conformance folder, case by case. */
  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = '|', value = {
      "*.github.com|[\".\"]|api.github.com|true",
      "api.**.com|[\".\"]|api.github.com|true",
      "*:github:com|[\":\"]|api:github:com|true",
      "*.github.com|[\".\"]|api.not-github.com|false",
      "[abc]at|[]|cat|true",
      "[abc]at|[]|fat|false",
      "[!abc]at|[]|cat|false",
      "[a-c]at|[]|bat|true",
      "[a-c]at|[]|fat|false",
      "[!a-c]at|[]|bat|false",
      "?at|[]|fat|true",
      "?at|[]|at|false",
      "?at|[\"f\"]|bat|true",
      "?at|[\"f\"]|fat|false",
      "{cat,bat,[fr]at}|[]|bat|true",
      "{cat,bat,[fr]at}|[]|fat|true",
      "{cat,bat,[fr]at}|[]|rat|true",
      "{cat,bat,[fr]at}|[]|at|false",
      "*|[]|foo|true",
      "*|[\".\"]|foo.bar|false",
      "*|[]|foo.bar|false",
      "*|null|foo.bar|true",
      "foo*|null|foo.bar|true",
      "*.github.com|[\".\"]|api.example.com|false",
  })
  void conformance(String pattern, String delimiters, String input, boolean expected) {
    assertEquals(expected, match(pattern, delimiters, input));
  }

  @ParameterizedTest(name = "{0} {1} {2} -> {3}")
  @CsvSource(delimiter = ';', value = {
      // ** crosses delimiters, * does not
      "api.**.com;[\".\"];api.a.b.c.com;true",
      "api.*.com;[\".\"];api.a.b.com;false",
      "**;[\".\"];a.b.c;true",
      "***;[\".\"];a.b.c;true",
      // several delimiters
      "*;[\".\", \"/\"];a/b;false",
      "*/*;[\".\", \"/\"];a/b;true",
      // character classes ignore delimiters, ? does not
      "a[!x]b;[\".\"];a.b;true",
      "a?b;[\".\"];a.b;false",
      "a?b;null;a.b;true",
      // alternatives: nested, empty, unclosed
      "{a,{b,c}}d;[];cd;true",
      "x{,y};[];x;true",
      "x{a,b;[];xb;true",
      "x{a,b;[];xc;false",
      // commas and closing braces outside alternatives are literal
      "a,b};[];a,b};true",
      // escapes
      "\\*;[];*;true",
      "\\*;[];a;false",
      "\\[a];[];[a];true",
      // an empty pattern matches only the empty string
      "'';[];'';true",
      "'';[];a;false",
      // unicode: one rune per ?, unicode delimiters
      "?;null;😀;true",
      "?;null;ab;false",
      "*;[\"é\"];aéb;false",
      "*é*;[\"é\"];aéb;true",
      "[α-ω]x;[];βx;true",
      // regex metacharacters are literal in globs
      "a.b;null;axb;false",
      "(a|b)+$;null;(a|b)+$;true",
  })
  void semantics(String pattern, String delimiters, String input, boolean expected) {
    assertEquals(expected, match(pattern, delimiters, input));
  }

  @Test
  void nulCharacterEndsTheLiteralRun() {
    // gobwas reads NUL as end of input: it ends the text token, the rest continues as a new item.
    assertTrue(match("a\u0000b", "null", "ab"));
    assertTrue(match("\u0000b", "null", ""));
  }

  @Test
  void invalidPatternsAreBuiltinErrors() {
    assertError("[abc", "unexpected end of input");
    assertError("[a-cx]", "expected close range character");
    assertError("[]", "could not parse range");
    assertError("[!]", "could not parse range");
    assertError("[z-a]", "hi character 'a' should be greater than lo 'z'");
    assertError("a\uFFFDb", "could not read rune");
  }

  private static void assertError(String pattern, String message) {
    BuiltinException e = assertThrows(BuiltinException.class, () -> match(pattern, "[]", "x"));
    assertEquals(EvalException.BUILTIN, e.code());
    assertEquals(message, e.getMessage());
  }

  @Test
  void delimiterOperandErrors() {
    BuiltinException e = assertThrows(BuiltinException.class, () -> match("*", "[1]", "x"));
    assertEquals(EvalException.TYPE, e.code());
    assertEquals("operand 2 must be array of strings but got array containing number", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> match("*", "[\"ab\"]", "x"));
    assertEquals("operand 2 must be array of runes but got array containing string", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> match("*", "\".\"", "x"));
    assertEquals("operand 2 must be one of {array, null} but got string", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> call(R, "glob.match", "\"*\"", "[]", "1"));
    assertEquals("operand 3 must be string but got number", e.getMessage());
  }

  @Test
  void quoteMeta() {
    assertEquals(StringValue.of("\\*.github.com"), call(R, "glob.quote_meta", "\"*.github.com\""));
    assertEquals(StringValue.of("\\{a,b\\}\\[c\\]\\?\\\\-!"), call(R, "glob.quote_meta", "\"{a,b}[c]?\\\\-!\""));
    // A quoted pattern matches itself literally.
    String odd = "we{ir}d*[gl]ob?\\";
    String quoted = ((StringValue) call(R, "glob.quote_meta", Json.write(StringValue.of(odd)))).value();
    assertTrue(match(quoted, "null", odd));
  }

  @Test
  void cacheStaysBounded() {
    for (int i = 0; i < GlobBuiltins.CACHE_SIZE + 2_000; i++) {
      match("bounded-" + i + "-*", "[]", "x");
    }
    assertTrue(GlobBuiltins.cachedGlobs() <= GlobBuiltins.CACHE_SIZE, "size " + GlobBuiltins.cachedGlobs());
  }

  @Test
  void concurrentUse() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            String host = "h" + ((i + seed) % 40);
            if (!match("*." + host + ".com", "[\".\"]", "api." + host + ".com")
                || match("*." + host + ".com", "[\".\"]", "a.b." + host + ".com")) {
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
}
