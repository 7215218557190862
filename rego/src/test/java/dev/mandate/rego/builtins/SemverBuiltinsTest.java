package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.TimeNetCalls.n;
import static dev.mandate.rego.builtins.TimeNetCalls.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.EvalException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverBuiltinsTest {
  private final TimeNetCalls calls = new TimeNetCalls(SemverBuiltins::register);

  @Test
  void registersOpaNames() {
    assertEquals(Set.of("semver.is_valid", "semver.compare"), calls.registry().names());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0.0", "0.0.0", "v1.2.3", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7",
      "1.0.0-x.7.z.92", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "1.0.0-a-b",
      "01.02.03", "1.0.0-", "1.0.0+", "9223372036854775807.0.0"})
  void valid(String v) {
    calls.expect("true", "semver.is_valid", s(v));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "1.0", "1.0.0.0", "", "a.b.c", "1.0.0-alpha..1", "1.0.0-al_pha",
      "1.0.0+a+b", "V1.0.0", " 1.0.0", "1.0.0 ", "9223372036854775808.0.0", "1.0.x", "1..0",
      "1.0.0-\u00e9", "1.0.0-a\n", "-1.0.0-x", "+1.+2.+3"})
  void invalid(String v) {
    calls.expect("false", "semver.is_valid", s(v));
  }

  @Test
  void invalidForNonStrings() {
    calls.expect("false", "semver.is_valid", n(1));
  }

  @ParameterizedTest
  @CsvSource({
      "1.0.0, 2.0.0, -1", "2.0.0, 1.0.0, 1", "1.0.0, 1.0.0, 0", "2.1.0, 2.0.9, 1", "2.1.10, 2.1.9, 1",
      "1.0.0-alpha, 1.0.0, -1", "1.0.0, 1.0.0-rc.1, 1",
      "1.0.0-alpha, 1.0.0-alpha.1, -1", "1.0.0-alpha.1, 1.0.0-alpha.beta, -1",
      "1.0.0-alpha.beta, 1.0.0-beta, -1", "1.0.0-beta, 1.0.0-beta.2, -1",
      "1.0.0-beta.2, 1.0.0-beta.11, -1", "1.0.0-beta.11, 1.0.0-rc.1, -1",
      "1.0.0+build.1, 1.0.0+build.2, 0", "v1.0.0, 1.0.0, 0", "1.0.0-rc.1+b, 1.0.0-rc.1, 0",
      "1.0.0-01, 1.0.0-1, 0", "1.0.0-Alpha, 1.0.0-alpha, -1",
      "1.0.0-99999999999999999999, 1.0.0-9223372036854775807, 0"})
  void comparesByPrecedence(String a, String b, int expected) {
    calls.expect(Integer.toString(expected), "semver.compare", s(a), s(b));
  }

  @Test
  void compareErrors() {
    calls.expectError(EvalException.BUILTIN, "operand 1: string \"1\" is not a valid SemVer", "semver.compare", s("1"), s("1.0.0"));
    calls.expectError(EvalException.BUILTIN, "operand 2: string \"1\" is not a valid SemVer", "semver.compare", s("1.0.0"), s("1"));
    calls.expectError(EvalException.TYPE, "operand 2 must be string but got number", "semver.compare", s("1.0.0"), n(1));
  }
}
