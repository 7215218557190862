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

  /**
   * Makes the member names of {@code doc} and of every document nested in it the shared values
   * of the equal strings a policy registered, so that a policy's constant lookups into base
   * data ({@code config.global.caps}) end at the identity test as they do in parsed inputs.
   * Call it after compiling the policies that use the data. Each name is replaced by an equal
   * value, so every reader sees the same documents before, during and after the call.
   */
  public static void shareMemberNames(Value doc) {
    java.util.ArrayDeque<Value> pending = new java.util.ArrayDeque<>();
    pending.push(doc);
    while (!pending.isEmpty()) {
      switch (pending.pop()) {
        case ObjectValue o -> o.shareKeys(CanonicalStrings::registered, pending::push);
        case ArrayValue a -> a.forEach(pending::push);
        case SetValue set -> set.forEach(pending::push);
        default -> { }
      }
    }
  }

  /** The registered value equal to {@code key}, or null. */
  private static StringValue registered(Value key) {
    return key instanceof StringValue s ? VALUES.get(s.value()) : null;
  }

  /** The shared value for {@code s} if a policy registered it, else a new one. */
  static StringValue of(String s) {
    StringValue v = VALUES.get(s);
    return v != null ? v : StringValue.of(s);
  }
}
