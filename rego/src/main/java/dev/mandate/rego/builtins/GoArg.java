package dev.mandate.rego.builtins;

import java.math.BigInteger;

/**
 * An operand of {@link GoSprintf}, typed as the Go value it stands for. For {@code sprintf}, OPA
 * turns a Rego number into a Go {@code int}, a {@code *big.Int} or a {@code float64}, and every
 * other value into a Go {@code string}. Templates' {@code printf} also sees the values of a JSON
 * round trip: {@code json.Number}, {@code bool}, {@code nil}, {@code []interface {}} and
 * {@code map[string]interface {}}. The type decides which verbs apply and how a bad verb is
 * reported ({@code %!d(string=x)}).
 */
sealed interface GoArg {
  /** Go's name for the type, as {@code %T} and error text print it. */
  String goType();

  record Int(long value) implements GoArg {
    @Override public String goType() { return "int"; }
  }

  record BigInt(BigInteger value) implements GoArg {
    @Override public String goType() { return "*big.Int"; }
  }

  record Float(double value) implements GoArg {
    @Override public String goType() { return "float64"; }
  }

  record Str(String value) implements GoArg {
    @Override public String goType() { return "string"; }
  }

  /** Go's {@code json.Number}: formatted as a string, named differently. */
  record JsonNumber(String value) implements GoArg {
    @Override public String goType() { return "json.Number"; }
  }

  record Bool(boolean value) implements GoArg {
    @Override public String goType() { return "bool"; }
  }

  /** A nil interface value. */
  record Nil() implements GoArg {
    @Override public String goType() { return "<nil>"; }
  }

  /** A {@code []interface {}}; a null element is a {@link Nil}. */
  record Slice(java.util.List<GoArg> elements) implements GoArg {
    @Override public String goType() { return "[]interface {}"; }
  }

  /** A {@code map[string]interface {}} with its keys in Go's (byte) order. */
  record Map(java.util.List<String> keys, java.util.List<GoArg> values) implements GoArg {
    @Override public String goType() { return "map[string]interface {}"; }
  }
}
