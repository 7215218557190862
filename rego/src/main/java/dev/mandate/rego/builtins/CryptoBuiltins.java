package dev.mandate.rego.builtins;

import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OPA's {@code crypto} built-ins: digests and HMACs (hex of the UTF-8 bytes, computed by the
 * JDK), constant-time MAC comparison, and the X.509 / private key parsers, which live in
 * {@link X509Builtins} and {@link PrivateKeyBuiltins}.
 */
public final class CryptoBuiltins {
  private CryptoBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("crypto.md5", 1, (ctx, a) -> digest("MD5", Args.string(a, 0)));
    r.function("crypto.sha1", 1, (ctx, a) -> digest("SHA-1", Args.string(a, 0)));
    r.function("crypto.sha256", 1, (ctx, a) -> digest("SHA-256", Args.string(a, 0)));
    r.function("crypto.hmac.md5", 2, (ctx, a) -> hmac("HmacMD5", a));
    r.function("crypto.hmac.sha1", 2, (ctx, a) -> hmac("HmacSHA1", a));
    r.function("crypto.hmac.sha256", 2, (ctx, a) -> hmac("HmacSHA256", a));
    r.function("crypto.hmac.sha512", 2, (ctx, a) -> hmac("HmacSHA512", a));
    r.function("crypto.hmac.equal", 2, (ctx, a) -> {
      byte[] mac1 = Args.string(a, 0).getBytes(StandardCharsets.UTF_8);
      byte[] mac2 = Args.string(a, 1).getBytes(StandardCharsets.UTF_8);
      // Constant time, so that comparing a computed MAC leaks nothing about it.
      return BooleanValue.of(MessageDigest.isEqual(mac1, mac2));
    });
    X509Builtins.register(r);
    PrivateKeyBuiltins.register(r);
  }

  private static Value digest(String algorithm, String s) {
    try {
      byte[] d = MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8));
      return StringValue.of(HexFormat.of().formatHex(d));
    } catch (GeneralSecurityException e) {
      throw BuiltinException.error(e.getMessage());
    }
  }

  private static Value hmac(String algorithm, Value[] args) {
    String message = Args.string(args, 0);
    String key = Args.string(args, 1);
    try {
      Mac mac = Mac.getInstance(algorithm);
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      // The JDK refuses an empty key, Go does not; HMAC zero-pads keys to the block size, so
      // the empty key and a single zero byte give the same MAC.
      mac.init(new SecretKeySpec(k.length == 0 ? new byte[] {0} : k, algorithm));
      return StringValue.of(HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8))));
    } catch (GeneralSecurityException e) {
      throw BuiltinException.error(e.getMessage());
    }
  }
}
