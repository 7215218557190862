package dev.mandate.pdp.validation;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;

/**
 * Small checks on members of request documents that throw {@link InvalidInputException}. An
 * optional member that is present with the value {@code null} counts as not given, as the
 * decision contract says.
 */
public final class Shape {
  private Shape() {}

  public static ObjectValue object(Value v, String what) {
    if (v instanceof ObjectValue o) {
      return o;
    }
    throw new InvalidInputException(what + " must be an object, got " + typeOf(v));
  }

  /** The member {@code name}, which must be an object if given; null if absent or null. */
  public static ObjectValue optionalObject(ObjectValue parent, String name, String where) {
    Value v = parent.get(name);
    if (v == null || v instanceof NullValue) {
      return null;
    }
    return object(v, where + name);
  }

  public static ObjectValue requiredObject(ObjectValue parent, String name, String where) {
    Value v = parent.get(name);
    if (v == null) {
      throw new InvalidInputException(where + name + " is required");
    }
    return object(v, where + name);
  }

  /** The member {@code name}, which must be a string if given; null if absent or null. */
  public static String optionalString(ObjectValue parent, String name, String where) {
    Value v = parent.get(name);
    if (v == null || v instanceof NullValue) {
      return null;
    }
    if (v instanceof StringValue s) {
      return s.value();
    }
    throw new InvalidInputException(where + name + " must be a string, got " + typeOf(v));
  }

  public static String requiredString(ObjectValue parent, String name, String where) {
    String s = optionalString(parent, name, where);
    if (s == null) {
      throw new InvalidInputException(where + name + " is required");
    }
    return s;
  }

  /** A member that may be a string or an array of strings (RFC 8693 audience, resource). */
  public static void stringOrStrings(ObjectValue parent, String name, String where) {
    Value v = parent.get(name);
    if (v == null || v instanceof NullValue || v instanceof StringValue) {
      return;
    }
    if (v instanceof ArrayValue a) {
      for (int i = 0; i < a.size(); i++) {
        if (!(a.get(i) instanceof StringValue)) {
          throw new InvalidInputException(
              where + name + "[" + i + "] must be a string, got " + typeOf(a.get(i)));
        }
      }
      return;
    }
    throw new InvalidInputException(
        where + name + " must be a string or an array of strings, got " + typeOf(v));
  }

  /** A member that may be absent, null, a string, or an object. */
  public static void tokenLike(ObjectValue parent, String name, String where) {
    Value v = parent.get(name);
    if (v == null || v instanceof NullValue || v instanceof StringValue
        || v instanceof ObjectValue) {
      return;
    }
    throw new InvalidInputException(
        where + name + " must be an object, a string or null, got " + typeOf(v));
  }

  public static String typeOf(Value v) {
    return v == null ? "nothing" : v.typeName();
  }
}
