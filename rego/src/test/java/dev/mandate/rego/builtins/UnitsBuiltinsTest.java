package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.TimeNetCalls.n;
import static dev.mandate.rego.builtins.TimeNetCalls.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.value.NumberValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UnitsBuiltinsTest {
  private final TimeNetCalls calls = new TimeNetCalls(UnitsBuiltins::register);

  private NumberValue parse(String s) {
    return (NumberValue) calls.call("units.parse", s(s));
  }

  private NumberValue bytes(String s) {
    return (NumberValue) calls.call("units.parse_bytes", s(s));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "500m|0.5", "0.0005K|0.5", "0.0000005M|0.5", "'\"100TI\"'|109951162777600", "0|0", "0.0|0", ".0|0",
      "12345|12345", "10K|10000", "10KI|10240", "10k|10000", "10Ki|10240", "200M|200000000",
      "300Gi|322122547200", "1.1K|1100", "1.1Ki|1126.4", ".5K|500", "100k|100000", "100K|100000",
      "100ki|102400", "100Ki|102400", "100m|0.1", "100M|100000000", "100mi|104857600",
      "100Mi|104857600", "100g|100000000000", "100gi|107374182400", "100t|100000000000000",
      "100T|100000000000000", "100ti|109951162777600", "100Ti|109951162777600",
      "100p|100000000000000000", "100P|100000000000000000", "100pi|112589990684262400",
      "100Pi|112589990684262400", "10e|10000000000000000000", "10E|10000000000000000000",
      "10ei|11529215046068469760", "10Ei|11529215046068469760",
      // beyond the suite
      "1e3|1000", "1.5e3K|1500000", "-2K|-2000", "+3|3", "1MI|1048576", "1m|0.001",
      "1.23456789012345m|0.0012345679", "0.00000000005|0.0000000001", "-0.00000000005|-0.0000000001",
      "2e-11|0", "1e100|1e100", "123456789012345678901234567890|123456789012345678901234567890",
      "5.|5"})
  void parsesUnits(String input, String expected) {
    assertEquals(NumberValue.parse(expected), parse(input), input);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "'\"100TIB\"'|109951162777600", "0|0", "0.0|0", ".0|0", "12345|12345", "10KB|10000", "10KIB|10240",
      "10kb|10000", "10Kib|10240", "200mb|200000000", "300GiB|322122547200", "1.1KB|1100", "1.1KiB|1126",
      ".5KB|500", "100k|100000", "100kb|100000", "100ki|102400", "100kib|102400", "100m|100000000",
      "100mb|100000000", "100mi|104857600", "100mib|104857600", "100g|100000000000", "100gb|100000000000",
      "100gi|107374182400", "100gib|107374182400", "100t|100000000000000", "100tb|100000000000000",
      "100ti|109951162777600", "100tib|109951162777600", "100p|100000000000000000",
      "100pb|100000000000000000", "100pi|112589990684262400", "100pib|112589990684262400",
      "10e|10000000000000000000", "10eb|10000000000000000000", "10ei|11529215046068469760",
      "10eib|11529215046068469760", "1024|1024", "2097152|2097152", "137438953472|137438953472",
      // beyond the suite
      "4.1Mi|4299161", "-1.5kb|-1500", "0.9|0", "1e3|1000", "2.5e1k|25000",
      // 64-bit mantissa: 2^70 + 1 reads as 2^70
      "1180591620717411303425|1180591620717411303424"})
  void parsesBytes(String input, String expected) {
    assertEquals(NumberValue.parse(expected), bytes(input), input);
  }

  @Test
  void comparisonsFromTheSuite() {
    assertTrue(bytes("8kb").compareNumber(bytes("7kb")) > 0);
    assertTrue(bytes("3MiB").compareNumber(bytes("3MB")) > 0);
    assertTrue(bytes("4.1Mi").compareNumber(bytes("4Mi")) > 0);
    assertEquals(bytes("2MiB"), bytes("2Mi"));
    assertTrue(parse("8g").compareNumber(parse("8m")) > 0);
    assertTrue(parse("4.1Mi").compareNumber(parse("4Mi")) > 0);
    assertEquals(parse("1024"), parse("1Ki"));
  }

  @Test
  void parseErrors() {
    String type = EvalException.BUILTIN;
    calls.expectError(type, "units.parse: no amount provided", "units.parse", s(""));
    calls.expectError(type, "units.parse: no amount provided", "units.parse", s("G"));
    calls.expectError(type, "units.parse: no amount provided", "units.parse", s("foo"));
    calls.expectError(type, "units.parse: could not parse amount to a number", "units.parse", s("0.0.0"));
    calls.expectError(type, "units.parse: could not parse amount to a number", "units.parse", s(".5.2"));
    calls.expectError(type, "units.parse: could not parse amount to a number", "units.parse", s("5-3"));
    calls.expectError(type, "units.parse: could not parse amount to a number", "units.parse", s("."));
    calls.expectError(type, "units.parse: spaces not allowed in resource strings", "units.parse", s("100 k"));
    calls.expectError(type, "units.parse: spaces not allowed in resource strings", "units.parse", s(" 327Mi "));
    calls.expectError(type, "units.parse: unit kb not recognized", "units.parse", s("1kB"));
    calls.expectError(type, "units.parse: unit Kx not recognized", "units.parse", s("1KX"));
    calls.expectError(type, "units.parse: exponent too large", "units.parse", s("1e1234567"));
    calls.expectError(EvalException.TYPE, "operand 1 must be string but got number", "units.parse", n(1));
  }

  @Test
  void parseBytesErrors() {
    String type = EvalException.BUILTIN;
    calls.expectError(type, "units.parse_bytes: no byte amount provided", "units.parse_bytes", s("kb"));
    calls.expectError(type, "units.parse_bytes: could not parse byte amount to a number", "units.parse_bytes", s("1.2.3kb"));
    calls.expectError(type, "units.parse_bytes: spaces not allowed in resource strings", "units.parse_bytes", s("1 kb"));
    calls.expectError(type, "units.parse_bytes: byte unit kbb not recognized", "units.parse_bytes", s("1KBB"));
    calls.expectError(type, "units.parse_bytes: exponent too large", "units.parse_bytes", s("1e-1234567"));
  }
}
