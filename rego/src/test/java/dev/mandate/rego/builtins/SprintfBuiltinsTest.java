package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.StrBuiltinsTestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SprintfBuiltinsTest {
  private static final BuiltinRegistry R = new BuiltinRegistry();

  static {
    SprintfBuiltins.register(R);
  }

  /**
   * Format, operands and the exact output of Go's fmt.Sprintf (go1.19) for the operands converted
   * as OPA converts them (int, *big.Int, float64, string). One case per line, JSON-encoded fields.
   */
  private static final String GO_REFERENCE = """
"hi %v"	[2.5]	"hi 2.5"
"%d"	[5]	"5"
"%5d|%-5d|%05d|%+d|% d|%x|%X|%o|%O|%b|%#x|%#o|%#b|%08.3d"	[42,42,42,42,42,255,255,8,8,5,255,8,5,7]	"   42|42   |00042|+42| 42|ff|FF|10|0o10|101|0xff|010|0b101|     007"
"%d|%x|%+d"	[-42,-255,-1]	"-42|-ff|-1"
"%d"	[-9223372036854775808]	"-9223372036854775808"
"%d %x %o %b"	[123456789123456789123,123456789123456789123,123456789123456789123,123456789123456789123]	"123456789123456789123 6b14e9f9b0df36a83 15305164771541574665203 1101011000101001110100111111001101100001101111100110110101010000011"
"%30d|%-30d|%030d|%.30d|%+d|% d|%#x|%X|%#X|%q|%e|%T"	[123456789123456789123,123456789123456789123,123456789123456789123,123456789123456789123,123456789123456789123,123456789123456789123,123456789123456789123,123456789123456789123,123456789123456789123,123456789123456789123,123456789123456789123,123456789123456789123]	"         123456789123456789123|123456789123456789123         |000000000123456789123456789123|000000000123456789123456789123|+123456789123456789123| 123456789123456789123|0x6b14e9f9b0df36a83|6B14E9F9B0DF36A83|0X6B14E9F9B0DF36A83|%!q(big.Int=123456789123456789123)|%!e(big.Int=123456789123456789123)|*big.Int"
"%d"	[-123456789123456789123]	"-123456789123456789123"
"%v|%f|%.2f|%e|%E|%g|%G|%.3g|%10.3f|%-10.3f|%010.3f|%+.1f|% .1f"	[3.14159,3.14159,3.14159,3.14159,3.14159,3.14159,3.14159,3.14159,3.14159,3.14159,-3.14159,3.14159,3.14159]	"3.14159|3.141590|3.14|3.141590e+00|3.141590E+00|3.14159|3.14159|3.14|     3.142|3.142     |-00003.142|+3.1| 3.1"
"%v %v %v %v %v %v"	[1234567.5,0.0001,0.00001,123456789.125,1.5e-300,-2.5e-10]	"1.2345675e+06 0.0001 1e-05 1.23456789125e+08 1.5e-300 -2.5e-10"
"%.0f|%.0f|%.2f|%.1f|%.3e|%.10f"	[0.5,1.5,2.675,0.05,123456.789,0.1]	"0|2|2.67|0.1|1.235e+05|0.1000000000"
"%#g|%#.3g|%#e|%#.0f|%#.0e|%#v"	[1.5,2.5,1.5,3.5,3.5,1.5]	"1.50000|2.50|1.500000e+00|4.|4.e+00|1.5"
"%b|%x|%X|%#x|%.3x|%.1x"	[1.5,1.5,1.5,1.5,1.5,1.9990234375]	"6755399441055744p-52|0x1.8p+00|0X1.8P+00|0x1.8000p+00|0x1.800p+00|0x1.0p+01"
"%d|%s|%t|%c|%q|%x"	[1.5,1.5,1.5,1.5,1.5,1.5]	"%!d(float64=1.5)|%!s(float64=1.5)|%!t(float64=1.5)|%!c(float64=1.5)|%!q(float64=1.5)|0x1.8p+00"
"%s|%v|%q|%x|%X|% x|%#x|%# x|%.2s|%5s|%-5s|%05s|%.1q|%+q|%#q|%#q"	["héllo","héllo","héllo","héllo","héllo","héllo","héllo","héllo","héllo","ab","ab","ab","héllo","héllo","ab","a`b"]	"héllo|héllo|\\"héllo\\"|68c3a96c6c6f|68C3A96C6C6F|68 c3 a9 6c 6c 6f|0x68c3a96c6c6f|0x68 0xc3 0xa9 0x6c 0x6c 0x6f|hé|   ab|ab   |000ab|\\"h\\"|\\"h\\\\u00e9llo\\"|`ab`|\\"a`b\\""
"%q"	["tab\\tnl\\nctl\\u0001del\\u007fbell\\u0007uni\\u2028"]	"\\"tab\\\\tnl\\\\nctl\\\\x01del\\\\x7fbell\\\\auni\\\\u2028\\""
"%d|%f|%t|%c"	["x","x","x","x"]	"%!d(string=x)|%!f(string=x)|%!t(string=x)|%!c(string=x)"
"%c|%c|%q|%U|%#U|%.6U|%c|%U"	[65,128512,9731,128512,128512,65,-1,-1]	"A|😀|'☃'|U+1F600|U+1F600 '😀'|U+000041|�|U+FFFFFFFFFFFFFFFF"
"%s"	[5]	"%!s(int=5)"
"%v %v"	[1]	"1 %!v(MISSING)"
"%d"	[1,"a",2.5,123456789123456789123]	"1%!(EXTRA string=a, float64=2.5, *big.Int=123456789123456789123)"
"%[2]d %[1]d|%[3]d|%[1]d %d"	[1,2]	"2 1|%!d(BADINDEX)|1 2"
"%*d|%-*d|%.*f|%*d"	[5,1,5,2,2,3.14159,"x",3]	"    1|2    |3.14|%!(BADWIDTH)3"
"%"	[]	"%!(NOVERB)"
"%-"	[]	"%!(NOVERB)"
"%!"	[1]	"%!!(int=1)"
"%.-1d"	[1]	"%!-(int=1)1d"
"%%|%5%|%z"	[1]	"%|%|%!z(int=1)"
"%[x]d|%[1"	[1]	"%!d(BADINDEX)|%!(NOVERB)"
"%10.3v|%v"	["abcdef",true]	"       abc|true"
"%p|%T|%T|%T"	[1,1,1.5,"s"]	"%!p(int=1)|int|float64|string"
"%w"	[1]	"%!w(int=1)"
"%.0d|%5.0d|%.0x"	[0,0,0]	"|     |"
"%6.2f|%06.2f|%-6.2f|%+06.2f"	[-1.5,-1.5,-1.5,1.5]	" -1.50|-01.50|-1.50 |+01.50"
"%e|%g|%v"	[0,0,0]	"%!e(int=0)|%!g(int=0)|0"
"%v|%x"	[9223372036854775807,-9223372036854775808]	"9223372036854775807|-8000000000000000"
      """;

  static Stream<Arguments> goReference() {
    List<Arguments> cases = new ArrayList<>();
    for (String line : GO_REFERENCE.strip().split("\n")) {
      String[] f = line.strip().split("\t");
      cases.add(Arguments.of(((StringValue) Json.parse(f[0])).value(), f[1],
          ((StringValue) Json.parse(f[2])).value()));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("goReference")
  void matchesGoFmt(String format, String argsJson, String expected) {
    assertEquals(expected, sprintfArray(format, (ArrayValue) Json.parse(argsJson)));
  }

  private static String sprintfArray(String format, ArrayValue args) {
    Value out = StrBuiltinsTestSupport.callValues(new StrBuiltinsTestSupport.Ctx(), R, "sprintf",
        StringValue.of(format), args);
    return ((StringValue) out).value();
  }

  private static String sprintf(String format, Value... args) {
    return sprintfArray(format, ArrayValue.of(args));
  }

  @Test
  void conformanceCases() {
    assertEquals("hi", sprintf("hi"));
    assertEquals("hi 05", sprintf("hi %02d", NumberValue.of(5)));
    assertEquals("hi 7F.01", sprintf("hi %02X.%02X", NumberValue.of(127), NumberValue.of(1)));
    assertEquals("hi 3.14", sprintf("hi %.2f", NumberValue.parse("3.1415")));
    assertEquals("hi 2e308", sprintf("hi %v", NumberValue.parse("2e308")));
    assertEquals("123456789123456789123", sprintf("%s", NumberValue.parse("123456789123456789123")));
    assertEquals("1208925819614629174706175",
        sprintf("%s", NumberValue.parse("1208925819614629174706175")));
  }

  @Test
  void compositesPrintAsRegoTerms() {
    ArrayValue arr = ArrayValue.of(StringValue.of("there"), NumberValue.of(5), NumberValue.parse("3.14"));
    assertEquals("hi [\"there\", 5, 3.14]", sprintf("hi %v", arr));
    assertEquals("{1, 2, 3}", sprintf("%v", SetValue.of(NumberValue.of(3), NumberValue.of(1), NumberValue.of(2))));
    assertEquals("set()", sprintf("%v", SetValue.of()));
    assertEquals("{\"a\": 1}", sprintf("%v", ObjectValue.of("a", NumberValue.of(1))));
    assertEquals("true null", sprintf("%v %v", BooleanValue.TRUE, NullValue.INSTANCE));
    // Non-strings other than numbers reach Go as strings: %d reports a string operand.
    assertEquals("%!d(string=true)", sprintf("%d", BooleanValue.TRUE));
    assertEquals("%!t(string=false)", sprintf("%t", BooleanValue.FALSE));
    // %s of a composite is its Rego text too.
    assertEquals("[1]", sprintf("%s", ArrayValue.of(NumberValue.of(1))));
    // A top-level string prints raw with %v and %s, quoted with %q.
    assertEquals("a\"b|a\"b|\"a\\\"b\"", sprintf("%v|%s|%q", StringValue.of("a\"b"), StringValue.of("a\"b"),
        StringValue.of("a\"b")));
  }

  @Test
  void numbersChooseGoTypes() {
    assertEquals("%!d(float64=1.5)", sprintf("%d", NumberValue.parse("1.5")));
    assertEquals("%!f(int=3)", sprintf("%f", NumberValue.of(3)));
    assertEquals("9223372036854775808", sprintf("%d", NumberValue.parse("9223372036854775808")));
    assertEquals("0x1.999999999999ap-04", sprintf("%x", NumberValue.parse("0.1")));
    // Beyond float64 and not a plain integer: printed in scientific form, as OPA prints its text.
    assertEquals("-1.5e400", sprintf("%v", NumberValue.of(new BigDecimal("-1.5e400"))));
    assertEquals("%!d(string=2e308)", sprintf("%d", NumberValue.parse("2e308")));
    // Huge plain integers stay exact big integers.
    assertEquals("1" + "0".repeat(20) + "1", sprintf("%d", NumberValue.parse("1" + "0".repeat(20) + "1")));
  }

  @Test
  void unicodeAndOddInput() {
    assertEquals("héllo wörld 😀", sprintf("%s %s %s", StringValue.of("héllo"), StringValue.of("wörld"),
        StringValue.of("😀")));
    assertEquals("😀    |", sprintf("%-5s|", StringValue.of("😀")));
    assertEquals("%!😀(int=1)", sprintf("%😀", NumberValue.of(1)));
    // A lone surrogate (from a JSON \\ud800 escape) prints as U+FFFD, as Go's decoder would give.
    assertEquals("\"\uFFFD\"", sprintf("%q", StringValue.of("\uD800")));
    assertEquals("efbfbd", sprintf("%x", StringValue.of("\uD800")));
    assertEquals("", sprintf(""));
    assertEquals("100%", sprintf("100%%"));
  }

  @Test
  void operandTypesAreChecked() {
    BuiltinException e = assertThrows(BuiltinException.class,
        () -> call(R, "sprintf", "1", "[]"));
    assertEquals(EvalException.TYPE, e.code());
    assertEquals("operand 1 must be string but got number", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> call(R, "sprintf", "\"%v\"", "{}"));
    assertEquals("operand 2 must be array but got object", e.getMessage());
  }
}
