package dev.mandate.rego.builtins;

import dev.mandate.rego.value.NumberValue;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * OPA's {@code rand.intn(key, n)}: a random integer in [0, |n|), the same for the same key and
 * |n| within one query; 0 when n is 0.
 */
public final class RandBuiltins {
  private RandBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("rand.intn", 2, (ctx, args) -> {
      String key = Args.string(args, 0);
      long n = IntOperands.int64(args, 1);
      if (n == 0) {
        return NumberValue.ZERO;
      }
      if (n == Long.MIN_VALUE) {
        throw BuiltinException.error("invalid argument to Intn"); // |n| does not fit, as Go panics
      }
      long bound = Math.abs(n);
      // OPA caches by key and |n|, so rand.intn("k", 5) and rand.intn("k", -5) agree.
      return ctx.queryCache(List.of("rand.intn", key, bound),
          k -> NumberValue.of(ThreadLocalRandom.current().nextLong(bound)));
    });
  }

}
