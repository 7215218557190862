package dev.mandate.rego.builtins;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Base64 as Go's {@code encoding/base64} standard and URL encodings with padding decode it.
 *
 * <p>Java's decoders differ from Go's in ways a policy can observe: Java accepts missing padding
 * and rejects line breaks, Go requires padding and skips {@code \r} and {@code \n} anywhere. Go's
 * error names the offset of the first offending byte ({@code illegal base64 data at input byte
 * 4}); this decoder reproduces those offsets. Like Go's non-strict encodings, it ignores
 * non-zero bits left over in the last quantum.
 */
final class GoBase64 {
  private static final byte PAD = '=';
  private static final byte[] STD = decodeMap("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
  private static final byte[] URL = decodeMap("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

  private GoBase64() {}

  private static byte[] decodeMap(String alphabet) {
    byte[] m = new byte[256];
    Arrays.fill(m, (byte) -1);
    for (int i = 0; i < alphabet.length(); i++) {
      m[alphabet.charAt(i)] = (byte) i;
    }
    return m;
  }

  /** Thrown with Go's message for input that is not base64. */
  static final class CorruptInput extends Exception {
    CorruptInput(long offset) {
      super("illegal base64 data at input byte " + offset, null, false, false);
    }
  }

  static byte[] decodeStd(byte[] src) throws CorruptInput {
    return decode(src, STD);
  }

  static byte[] decodeUrl(byte[] src) throws CorruptInput {
    return decode(src, URL);
  }

  private static byte[] decode(byte[] src, byte[] map) throws CorruptInput {
    ByteArrayOutputStream out = new ByteArrayOutputStream(src.length / 4 * 3 + 3);
    int si = 0;
    int[] quantum = new int[4];
    while (true) {
      // Decode one quantum of up to four symbols, skipping line breaks.
      int dlen = 4;
      int j = 0;
      boolean end = false;
      CorruptInput trailing = null;
      while (j < 4) {
        if (si == src.length) {
          if (j == 0) {
            return out.toByteArray();
          }
          // Padding is required: a quantum cut short is an error at its start.
          throw new CorruptInput(si - j);
        }
        int in = src[si] & 0xFF;
        si++;
        int v = map[in];
        if (v >= 0) {
          quantum[j++] = v;
          continue;
        }
        if (in == '\n' || in == '\r') {
          continue;
        }
        if (in != PAD) {
          throw new CorruptInput(si - 1);
        }
        // Padding: only valid after two or three symbols, and only at the very end.
        if (j < 2) {
          throw new CorruptInput(si - 1);
        }
        if (j == 2) {
          si = skipLineBreaks(src, si);
          if (si == src.length) {
            throw new CorruptInput(src.length);
          }
          if (src[si] != PAD) {
            throw new CorruptInput(si - 1);
          }
          si++;
        }
        si = skipLineBreaks(src, si);
        if (si < src.length) {
          trailing = new CorruptInput(si);
        }
        dlen = j;
        end = true;
        break;
      }
      int val = 0;
      for (int k = 0; k < 4; k++) {
        val = (val << 6) | (k < dlen ? quantum[k] : 0);
      }
      out.write((val >> 16) & 0xFF);
      if (dlen >= 3) {
        out.write((val >> 8) & 0xFF);
      }
      if (dlen == 4) {
        out.write(val & 0xFF);
      }
      if (trailing != null) {
        throw trailing;
      }
      if (end) {
        return out.toByteArray();
      }
    }
  }

  private static int skipLineBreaks(byte[] src, int si) {
    while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
      si++;
    }
    return si;
  }
}
