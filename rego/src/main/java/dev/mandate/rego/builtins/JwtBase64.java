package dev.mandate.rego.builtins;

import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * Base64url as OPA's JWT built-ins use it. Decoding follows {@code base64url.decode}: a string
 * without trailing {@code =} is padded as RFC 7515 Appendix C says, a length of 4n+1 is refused
 * outright, and the rest is decoded as Go's padded URL encoding does (line breaks ignored, the
 * unused low bits of the last character not checked). Errors read as Go's.
 */
final class JwtBase64 {
  private static final Base64.Encoder RAW_URL = Base64.getUrlEncoder().withoutPadding();

  private JwtBase64() {}

  /** Unpadded base64url, as JWS compact serialisation writes each segment. */
  static String encode(byte[] bytes) {
    return RAW_URL.encodeToString(bytes);
  }

  /** Decodes a base64url segment; throws {@link IllegalArgumentException} with Go's wording. */
  static byte[] decode(String s) {
    String padded = s;
    if (!s.endsWith("=")) {
      switch (s.length() % 4) {
        case 0 -> { }
        case 2 -> padded = s + "==";
        case 3 -> padded = s + "=";
        default -> throw new IllegalArgumentException("illegal base64url string: " + s);
      }
    }
    return decodePadded(padded);
  }

  /**
   * Go's {@code base64.URLEncoding.DecodeString}: quanta of four characters, {@code =} only as
   * padding at the end, CR and LF skipped anywhere.
   */
  private static byte[] decodePadded(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() * 3 / 4);
    int[] quantum = new int[4];
    int i = 0;
    int n = s.length();
    while (true) {
      int filled = 0;
      int padding = 0;
      while (filled < 4) {
        while (i < n && (s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
          i++;
        }
        if (i == n) {
          if (filled == 0) {
            return out.toByteArray();
          }
          throw corrupt(n);
        }
        char c = s.charAt(i);
        if (c == '=') {
          // Padding may only fill the last one or two places of the final quantum.
          if (filled < 2) {
            throw corrupt(i);
          }
          padding = 4 - filled;
          int need = padding;
          int j = i;
          while (need > 0) {
            while (j < n && (s.charAt(j) == '\r' || s.charAt(j) == '\n')) {
              j++;
            }
            if (j == n || s.charAt(j) != '=') {
              throw corrupt(j == n ? n : j);
            }
            j++;
            need--;
          }
          while (j < n && (s.charAt(j) == '\r' || s.charAt(j) == '\n')) {
            j++;
          }
          if (j < n) {
            throw corrupt(j);
          }
          i = n;
          break;
        }
        int v = valueOf(c);
        if (v < 0) {
          throw corrupt(i);
        }
        quantum[filled++] = v;
        i++;
      }
      int bits = (quantum[0] << 18) | (quantum[1] << 12)
          | (filled > 2 ? quantum[2] << 6 : 0) | (filled > 3 ? quantum[3] : 0);
      out.write(bits >> 16);
      if (filled > 2) {
        out.write((bits >> 8) & 0xff);
      }
      if (filled > 3) {
        out.write(bits & 0xff);
      }
      if (padding > 0) {
        return out.toByteArray();
      }
    }
  }

  private static int valueOf(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '-') {
      return 62;
    }
    if (c == '_') {
      return 63;
    }
    return -1;
  }

  private static IllegalArgumentException corrupt(int index) {
    return new IllegalArgumentException("illegal base64 data at input byte " + index);
  }
}
