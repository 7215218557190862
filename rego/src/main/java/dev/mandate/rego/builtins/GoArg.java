package dev.mandate.rego.builtins;

import java.math.BigInteger;

/**
 * An operand of {@link GoSprintf}, typed as the Go value OPA hands to {@code fmt.Sprintf}: OPA
 * turns a Rego number into a Go {@code int}, a {@code *big.Int} or a {@code float64}, and every
 * other value into a Go {@code string}. The type decides which verbs apply and how a bad verb is
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
}
