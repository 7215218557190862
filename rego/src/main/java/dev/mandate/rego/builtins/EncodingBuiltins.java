package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.GoQuote;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * OPA's encoding built-ins: {@code base64.*}, {@code base64url.*}, {@code hex.*} and
 * {@code urlquery.*}.
 *
 * <p>Strings are encoded through their UTF-8 bytes, as Go does. Decoded bytes that are not valid
 * UTF-8 cannot be held in a Java string; OPA (Go) keeps the raw bytes, and shows them as U+FFFD
 * once they are printed as JSON. Here each byte that does not start a valid UTF-8 sequence
 * becomes U+FFFD at decoding time, so results look as OPA's JSON output shows them, but
 * {@code count} or a round trip through {@code base64.encode} sees the replacement characters
 * rather than the original bytes.
 */
public final class EncodingBuiltins {
  private EncodingBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("base64.encode", 1, (ctx, a) ->
        StringValue.of(Base64.getEncoder().encodeToString(GoText.utf8(Args.string(a, 0)))));
    r.function("base64.decode", 1, (ctx, a) -> decodeBase64(Args.string(a, 0)));
    // Like OPA, a non-string operand is simply not valid base64.
    r.function("base64.is_valid", 1, (ctx, a) ->
        BooleanValue.of(a[0] instanceof StringValue s && isBase64(s.value())));
    r.function("base64url.encode", 1, (ctx, a) ->
        StringValue.of(Base64.getUrlEncoder().encodeToString(GoText.utf8(Args.string(a, 0)))));
    r.function("base64url.encode_no_pad", 1, (ctx, a) ->
        StringValue.of(Base64.getUrlEncoder().withoutPadding().encodeToString(GoText.utf8(Args.string(a, 0)))));
    r.function("base64url.decode", 1, (ctx, a) -> decodeBase64Url(Args.string(a, 0)));
    r.function("hex.encode", 1, (ctx, a) -> StringValue.of(hexEncode(GoText.utf8(Args.string(a, 0)))));
    r.function("hex.decode", 1, (ctx, a) -> StringValue.of(GoText.decode(hexDecode(GoText.utf8(Args.string(a, 0))))));
    r.function("urlquery.encode", 1, (ctx, a) -> StringValue.of(GoUrlQuery.escape(Args.string(a, 0))));
    r.function("urlquery.decode", 1, (ctx, a) -> urlDecode(Args.string(a, 0)));
    r.function("urlquery.encode_object", 1, (ctx, a) -> encodeObject(a));
    r.function("urlquery.decode_object", 1, (ctx, a) -> decodeObject(Args.string(a, 0)));
  }

  private static Value decodeBase64(String s) {
    try {
      return StringValue.of(GoText.decode(GoBase64.decodeStd(GoText.utf8(s))));
    } catch (GoBase64.CorruptInput e) {
      throw BuiltinException.error(e.getMessage());
    }
  }

  private static boolean isBase64(String s) {
    try {
      GoBase64.decodeStd(GoText.utf8(s));
      return true;
    } catch (GoBase64.CorruptInput e) {
      return false;
    }
  }

  /**
   * Accepts input with or without padding, as OPA does: unpadded input is padded by its length
   * (RFC 7515 appendix C) before the strict decoding; a length of 4n+1 cannot be base64url.
   */
  private static Value decodeBase64Url(String s) {
    byte[] b = GoText.utf8(s);
    if (!s.endsWith("=")) {
      switch (b.length % 4) {
        case 2 -> s = s + "==";
        case 3 -> s = s + "=";
        case 1 -> throw BuiltinException.error("illegal base64url string: " + s);
        default -> { }
      }
      b = GoText.utf8(s);
    }
    try {
      return StringValue.of(GoText.decode(GoBase64.decodeUrl(b)));
    } catch (GoBase64.CorruptInput e) {
      throw BuiltinException.error(e.getMessage());
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static String hexEncode(byte[] b) {
    char[] out = new char[b.length * 2];
    for (int i = 0; i < b.length; i++) {
      out[2 * i] = HEX[(b[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[b[i] & 0xF];
    }
    return new String(out);
  }

  /**
   * Go's {@code hex.DecodeString}: pairs are checked left to right, so an invalid byte is
   * reported before an odd length, and the invalid byte is named by its byte value.
   */
  static byte[] hexDecode(byte[] src) {
    byte[] out = new byte[src.length / 2];
    int j = 1;
    for (; j < src.length; j += 2) {
      int hi = hexDigit(src[j - 1]);
      int lo = hexDigit(src[j]);
      if (hi < 0) {
        throw invalidHexByte(src[j - 1]);
      }
      if (lo < 0) {
        throw invalidHexByte(src[j]);
      }
      out[j / 2] = (byte) ((hi << 4) | lo);
    }
    if (src.length % 2 == 1) {
      if (hexDigit(src[j - 1]) < 0) {
        throw invalidHexByte(src[j - 1]);
      }
      throw BuiltinException.error("encoding/hex: odd length hex string");
    }
    return out;
  }

  private static int hexDigit(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** Go's {@code %#U} of the byte taken as a rune: {@code U+0067 'g'}, or just {@code U+000A}. */
  private static BuiltinException invalidHexByte(byte b) {
    int cp = b & 0xFF;
    String text = String.format("U+%04X", cp);
    if (GoQuote.isPrint(cp)) {
      text += " '" + new String(Character.toChars(cp)) + "'";
    }
    return BuiltinException.error("encoding/hex: invalid byte: " + text);
  }

  private static Value urlDecode(String s) {
    try {
      return StringValue.of(GoUrlQuery.unescape(s));
    } catch (GoUrlQuery.QueryException e) {
      throw BuiltinException.error(e.getMessage());
    }
  }

  /**
   * Values may be strings, or arrays or sets of strings; keys come out sorted, and the values
   * of one key in array (or set) order, as Go's {@code url.Values.Encode} writes them.
   */
  private static Value encodeObject(Value[] a) {
    ObjectValue o = Args.object(a, 0);
    TreeMap<String, List<String>> query = new TreeMap<>(GoJson.UTF8_ORDER);
    for (Value k : o.keys()) {
      // OPA converts the object to JSON first, so non-string keys become their JSON text.
      String key = GoJson.keyString(k);
      Value v = o.get(k);
      List<String> values = new ArrayList<>();
      switch (v) {
        case StringValue s -> values.add(s.value());
        case ArrayValue arr -> {
          for (Value e : arr) {
            values.add(stringForQuery(e));
          }
        }
        case SetValue set -> {
          for (Value e : set.sortedElements()) {
            values.add(stringForQuery(e));
          }
        }
        default -> throw badQueryValue();
      }
      if (v instanceof StringValue) {
        query.put(key, values); // a string replaces, as Go's Values.Set does
      } else {
        query.computeIfAbsent(key, x -> new ArrayList<>()).addAll(values);
      }
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      String key = GoUrlQuery.escape(e.getKey());
      for (String v : e.getValue()) {
        if (!sb.isEmpty()) {
          sb.append('&');
        }
        sb.append(key).append('=').append(GoUrlQuery.escape(v));
      }
    }
    return StringValue.of(sb.toString());
  }

  private static String stringForQuery(Value e) {
    if (e instanceof StringValue s) {
      return s.value();
    }
    throw badQueryValue();
  }

  private static BuiltinException badQueryValue() {
    return BuiltinException.type("operand 1 values must be string, array[string], or set[string]");
  }

  private static Value decodeObject(String query) {
    Map<String, List<String>> parsed;
    try {
      parsed = GoUrlQuery.parse(query);
    } catch (GoUrlQuery.QueryException e) {
      throw BuiltinException.error(e.getMessage());
    }
    ObjectValue.Builder b = ObjectValue.builder();
    parsed.forEach((k, vs) -> {
      Value[] items = new Value[vs.size()];
      for (int i = 0; i < items.length; i++) {
        items[i] = StringValue.of(vs.get(i));
      }
      b.put(k, ArrayValue.wrap(items));
    });
    return b.build();
  }
}
