package dev.mandate.rego.value;

/** A Unicode string. */
public record StringValue(String value) implements Value {
  public static final StringValue EMPTY = new StringValue("");

  public StringValue {
    if (value == null) {
      throw new NullPointerException("string value");
    }
  }

  public static StringValue of(String s) {
    return s.isEmpty() ? EMPTY : new StringValue(s);
  }

  // Written out rather than generated: strings are the most common map keys in documents, and
  // the record's generated equality showed up in profiles of the decision service.
  @Override
  public boolean equals(Object o) {
    return this == o || o instanceof StringValue s && value.equals(s.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override public String typeName() { return "string"; }
  @Override public int kindOrder() { return 3; }
  @Override public String toString() { return Json.quote(value); }
}
