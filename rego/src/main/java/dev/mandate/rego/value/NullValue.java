package dev.mandate.rego.value;

/** The JSON {@code null}. */
public final class NullValue implements Value {
  public static final NullValue INSTANCE = new NullValue();

  private NullValue() {}

  @Override public String typeName() { return "null"; }
  @Override public int kindOrder() { return 0; }
  @Override public String toString() { return "null"; }
}
