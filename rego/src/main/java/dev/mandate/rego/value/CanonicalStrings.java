package dev.mandate.rego.value;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link StringValue} per string that policies use as a constant, shared with the member
 * names {@link PlainJsonParser} reads: when a policy looks up {@code input.request.scope}, the
 * key it holds and the key the parsed input holds are then the same object, and the lookup's
 * equality check ends at the identity test, without hashing or comparing characters.
 *
 * <p>Only the compiler registers strings. The registry stops growing at {@link #MAX_SIZE}
 * entries, so policies reloaded many times cannot make it a leak; past that, lookups simply
 * fall back to comparing by value, which is always correct.
 */
public final class CanonicalStrings {
  static final int MAX_SIZE = 100_000;
  private static final ConcurrentHashMap<String, StringValue> VALUES = new ConcurrentHashMap<>();

  private CanonicalStrings() {}

  /** The shared value for a policy's constant string, registering it when there is room. */
  public static StringValue register(String s) {
    StringValue v = VALUES.get(s);
    if (v != null) {
      return v;
    }
    String interned = s.intern();
    v = StringValue.of(interned);
    if (VALUES.size() >= MAX_SIZE) {
      return v;
    }
    StringValue prior = VALUES.putIfAbsent(interned, v);
    return prior != null ? prior : v;
  }

  /** The shared value for {@code s} if a policy registered it, else a new one. */
  static StringValue of(String s) {
    StringValue v = VALUES.get(s);
    return v != null ? v : StringValue.of(s);
  }
}
