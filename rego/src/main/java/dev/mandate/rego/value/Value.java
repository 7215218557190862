package dev.mandate.rego.value;

/**
 * An immutable Rego value: the documents policies read and produce.
 *
 * <p>Values compare and order exactly as OPA's {@code ast.Compare} does: first by kind
 * (null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set), then by content.
 * Numbers compare by numeric value, so {@code 1} equals {@code 1.0}.
 */
public sealed interface Value extends Comparable<Value>
    permits NullValue, BooleanValue, NumberValue, StringValue, ArrayValue, ObjectValue, SetValue {

  /** The name OPA's {@code type_name} built-in gives this kind of value. */
  String typeName();

  /** Position of this kind in OPA's total order of values. */
  int kindOrder();

  @Override
  default int compareTo(Value other) {
    return Values.compare(this, other);
  }

  /** True for null, booleans, numbers and strings. */
  default boolean isScalar() {
    return kindOrder() <= 3;
  }
}
