package dev.mandate.rego.builtins;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Converts between Java strings and the UTF-8 byte strings Go works with, the way Go does.
 *
 * <p>Go strings are byte strings that may hold invalid UTF-8 (for example the result of
 * {@code base64.decode} of arbitrary bytes); Java strings cannot. Decoded bytes are therefore
 * turned into text as Go turns them into text when it iterates runes or writes JSON: every byte
 * that does not start a valid UTF-8 sequence becomes one U+FFFD. Java strings may in turn hold
 * unpaired surrogates, which Go strings cannot; they are encoded as U+FFFD, which is what they
 * would have become on their way into OPA (Go's JSON decoder replaces them the same way).
 */
final class GoText {
  private GoText() {}

  /** The UTF-8 bytes of {@code s}, with each unpaired surrogate written as U+FFFD. */
  static byte[] utf8(String s) {
    if (!hasLoneSurrogate(s)) {
      return s.getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 8);
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
        cp = 0xFFFD;
      }
      byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
      out.write(b, 0, b.length);
    }
    return out.toByteArray();
  }

  /** True when {@code s} holds a surrogate that is not part of a valid pair. */
  static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Length of {@code s} in UTF-8 bytes, as Go's {@code len(s)}. */
  static int byteLength(String s) {
    return utf8(s).length;
  }

  /**
   * Decodes bytes as Go's {@code utf8.DecodeRune} does: valid sequences become their code point,
   * and each byte that does not begin a valid sequence (bad lead byte, missing or wrong
   * continuation, overlong form, surrogate, beyond U+10FFFF) becomes one U+FFFD.
   */
  static String decode(byte[] b) {
    return decode(b, 0, b.length);
  }

  static String decode(byte[] b, int from, int to) {
    StringBuilder sb = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      int c0 = b[i] & 0xFF;
      if (c0 < 0x80) {
        sb.append((char) c0);
        i++;
        continue;
      }
      int need;
      int lo = 0x80;
      int hi = 0xBF;
      int cp;
      if (c0 >= 0xC2 && c0 <= 0xDF) {
        need = 1;
        cp = c0 & 0x1F;
      } else if (c0 >= 0xE0 && c0 <= 0xEF) {
        need = 2;
        cp = c0 & 0x0F;
        if (c0 == 0xE0) {
          lo = 0xA0; // no overlong forms
        } else if (c0 == 0xED) {
          hi = 0x9F; // no surrogates
        }
      } else if (c0 >= 0xF0 && c0 <= 0xF4) {
        need = 3;
        cp = c0 & 0x07;
        if (c0 == 0xF0) {
          lo = 0x90;
        } else if (c0 == 0xF4) {
          hi = 0x8F; // nothing beyond U+10FFFF
        }
      } else {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      if (i + need >= to) {
        // Truncated sequence: Go replaces the lead byte and resumes at the next byte.
        sb.append('\uFFFD');
        i++;
        continue;
      }
      boolean ok = true;
      for (int k = 1; k <= need; k++) {
        int c = b[i + k] & 0xFF;
        int min = k == 1 ? lo : 0x80;
        int max = k == 1 ? hi : 0xBF;
        if (c < min || c > max) {
          ok = false;
          break;
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (!ok) {
        sb.append('\uFFFD');
        i++;
        continue;
      }
      sb.appendCodePoint(cp);
      i += need + 1;
    }
    return sb.toString();
  }
}
