package dev.mandate.rego.builtins;

import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * OPA's {@code uuid.rfc4122} (a random version 4 UUID, the same for the same key within one
 * query) and {@code uuid.parse} (version, variant, and for versions 1 and 2 the timestamp, clock
 * sequence and node; undefined for text that is not a UUID).
 */
public final class UuidBuiltins {
  private UuidBuiltins() {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();
  /** 100-nanosecond intervals from the Gregorian reform (1582-10-15) to the Unix epoch. */
  private static final long GREGORIAN_TO_UNIX_100NS = (2440587L - 2299160L) * 86400L * 10_000_000L;

  public static void register(BuiltinRegistry r) {
    r.function("uuid.rfc4122", 1, (ctx, args) ->
        ctx.queryCache(List.of("uuid.rfc4122", args[0]), key -> StringValue.of(randomV4())));
    r.function("uuid.parse", 1, (ctx, args) -> {
      byte[] u = parse(Args.string(args, 0));
      return u == null ? null : describe(u);
    });
  }

  static String randomV4() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
    b[8] = (byte) ((b[8] & 0x3f) | 0x80); // RFC 4122 variant
    String h = HEX.formatHex(b);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-"
        + h.substring(16, 20) + "-" + h.substring(20);
  }

  /**
   * The 16 bytes of a UUID written as 36 characters with dashes, with a "urn:uuid:" prefix, in
   * braces (any one character on each side, as Go's uuid package accepts), or as 32 hex digits;
   * null otherwise.
   */
  static byte[] parse(String text) {
    byte[] s = text.getBytes(StandardCharsets.UTF_8);
    int start;
    switch (s.length) {
      case 36 -> start = 0;
      case 45 -> {
        if (!new String(s, 0, 9, StandardCharsets.ISO_8859_1).equalsIgnoreCase("urn:uuid:")) {
          return null;
        }
        start = 9;
      }
      case 38 -> start = 1;
      case 32 -> {
        byte[] u = new byte[16];
        for (int i = 0; i < 16; i++) {
          int v = hexByte(s, i * 2);
          if (v < 0) {
            return null;
          }
          u[i] = (byte) v;
        }
        return u;
      }
      default -> {
        return null;
      }
    }
    if (s[start + 8] != '-' || s[start + 13] != '-' || s[start + 18] != '-' || s[start + 23] != '-') {
      return null;
    }
    int[] offsets = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
    byte[] u = new byte[16];
    for (int i = 0; i < 16; i++) {
      int v = hexByte(s, start + offsets[i]);
      if (v < 0) {
        return null;
      }
      u[i] = (byte) v;
    }
    return u;
  }

  private static int hexByte(byte[] s, int i) {
    int hi = Character.digit((char) (s[i] & 0xff), 16);
    int lo = Character.digit((char) (s[i + 1] & 0xff), 16);
    if (hi < 0 || lo < 0 || (s[i] & 0x80) != 0 || (s[i + 1] & 0x80) != 0) {
      return -1;
    }
    return hi << 4 | lo;
  }

  private static Value describe(byte[] u) {
    int version = (u[6] & 0xff) >> 4;
    ObjectValue.Builder o = ObjectValue.builder()
        .put("version", NumberValue.of(version))
        .put("variant", StringValue.of(variant(u[8])));
    if (version == 1 || version == 2) {
      long time = (u32(u, 0)) | (u16(u, 4) << 32) | ((u16(u, 6) & 0xfff) << 48);
      long since = time - GREGORIAN_TO_UNIX_100NS;
      // Seconds and remainder, then back to nanoseconds, wrapping on overflow as Go's int64 does.
      long seconds = since / 10_000_000L;
      long nanos = (since % 10_000_000L) * 100L;
      o.put("time", NumberValue.of(seconds * 1_000_000_000L + nanos));
      o.put("clocksequence", NumberValue.of(u16(u, 8) & 0x3fff));
      StringBuilder node = new StringBuilder();
      for (int i = 10; i < 16; i++) {
        if (i > 10) {
          node.append('-');
        }
        node.append(HEX.toHexDigits(u[i]));
      }
      o.put("nodeid", StringValue.of(node.toString()));
      o.put("macvariables", StringValue.of(macVariables(u[10])));
      if (version == 2) {
        o.put("id", NumberValue.of(u32(u, 0)));
        o.put("domain", StringValue.of(domain(u[9] & 0xff)));
      }
    }
    return o.build();
  }

  private static String variant(byte b) {
    if ((b & 0xc0) == 0x80) {
      return "RFC4122";
    }
    if ((b & 0xe0) == 0xc0) {
      return "Microsoft";
    }
    if ((b & 0xe0) == 0xe0) {
      return "Future";
    }
    return "Reserved";
  }

  /** The local/global and unicast/multicast bits of the node's first byte. */
  private static String macVariables(byte b) {
    if ((b & 0b11) == 0b11) {
      return "local:multicast";
    }
    if ((b & 0b01) == 0b01) {
      return "global:multicast";
    }
    if ((b & 0b10) == 0b10) {
      return "local:unicast";
    }
    return "global:unicast";
  }

  private static String domain(int d) {
    return switch (d) {
      case 0 -> "Person";
      case 1 -> "Group";
      case 2 -> "Org";
      default -> "Domain" + d;
    };
  }

  private static long u32(byte[] b, int i) {
    return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
  }

  private static long u16(byte[] b, int i) {
    return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
  }
}
