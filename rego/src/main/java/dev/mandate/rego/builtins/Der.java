package dev.mandate.rego.builtins;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small reader (and writer) for DER, the ASN.1 encoding of certificates, CSRs and keys. The
 * JDK parses certificates but hides their structure (extension order, raw names, CSRs, SEC1 and
 * PKCS#1 keys), which OPA's output exposes. This only walks the structure: no cryptography.
 */
final class Der {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;
  static final int SET = 0x31;
  static final int BOOLEAN = 0x01;

  private Der() {}

  /** One TLV element: its tag byte, its content, and its whole encoding. */
  record Element(int tag, byte[] content, byte[] encoded) {
    List<Element> children() {
      return readAll(content);
    }

    boolean isContext(int n) {
      return (tag & 0xC0) == 0x80 && (tag & 0x1F) == n;
    }

    BigInteger integer() {
      return new BigInteger(content);
    }

    int[] oid() {
      return decodeOid(content);
    }

    /** The bits of a BIT STRING (its first content byte counts unused bits). */
    byte[] bits() {
      return Arrays.copyOfRange(content, 1, content.length);
    }

    /** The text of one of the ASN.1 string types. */
    String text() {
      return switch (tag) {
        case 0x1E -> new String(content, StandardCharsets.UTF_16BE);
        case 0x1C -> new String(content, java.nio.charset.Charset.forName("UTF-32BE"));
        case 0x14 -> new String(content, StandardCharsets.ISO_8859_1);
        default -> new String(content, StandardCharsets.UTF_8);
      };
    }
  }

  static final class DerException extends RuntimeException {
    DerException(String message) {
      super(message);
    }
  }

  /** The single element that makes up {@code data}; trailing bytes are an error. */
  static Element read(byte[] data) {
    int[] pos = {0};
    Element e = next(data, pos);
    if (pos[0] != data.length) {
      throw new DerException("trailing data after ASN.1 element");
    }
    return e;
  }

  /** The elements that follow one another in {@code data}. */
  static List<Element> readAll(byte[] data) {
    List<Element> out = new ArrayList<>();
    int[] pos = {0};
    while (pos[0] < data.length) {
      out.add(next(data, pos));
    }
    return out;
  }

  private static Element next(byte[] data, int[] pos) {
    int start = pos[0];
    if (start + 2 > data.length) {
      throw new DerException("truncated ASN.1 element");
    }
    int tag = data[start] & 0xFF;
    if ((tag & 0x1F) == 0x1F) {
      throw new DerException("high-tag-number form is not supported");
    }
    int i = start + 1;
    int len = data[i++] & 0xFF;
    if (len >= 0x80) {
      int n = len & 0x7F;
      if (n == 0 || n > 4 || i + n > data.length) {
        throw new DerException("bad ASN.1 length");
      }
      len = 0;
      for (int k = 0; k < n; k++) {
        len = (len << 8) | (data[i++] & 0xFF);
      }
      if (len < 0) {
        throw new DerException("bad ASN.1 length");
      }
    }
    if (i + len > data.length || i + len < i) {
      throw new DerException("truncated ASN.1 element");
    }
    pos[0] = i + len;
    return new Element(tag, Arrays.copyOfRange(data, i, i + len), Arrays.copyOfRange(data, start, i + len));
  }

  static int[] decodeOid(byte[] c) {
    List<Integer> arcs = new ArrayList<>();
    long v = 0;
    boolean first = true;
    for (byte b : c) {
      v = (v << 7) | (b & 0x7F);
      if (v > Integer.MAX_VALUE) {
        throw new DerException("OID arc too large");
      }
      if ((b & 0x80) == 0) {
        if (first) {
          int a = v < 40 ? 0 : v < 80 ? 1 : 2;
          arcs.add(a);
          arcs.add((int) (v - 40L * a));
          first = false;
        } else {
          arcs.add((int) v);
        }
        v = 0;
      }
    }
    return arcs.stream().mapToInt(Integer::intValue).toArray();
  }

  static String oidString(int[] oid) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < oid.length; i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(oid[i]);
    }
    return sb.toString();
  }

  // ---- writing, for re-wrapping keys the JDK only reads as PKCS#8 ----------------------------

  static byte[] encode(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      content.writeBytes(p);
    }
    byte[] c = content.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(c.length + 6);
    out.write(tag);
    if (c.length < 0x80) {
      out.write(c.length);
    } else {
      byte[] len = BigInteger.valueOf(c.length).toByteArray();
      int skip = len[0] == 0 ? 1 : 0;
      out.write(0x80 | (len.length - skip));
      out.write(len, skip, len.length - skip);
    }
    out.writeBytes(c);
    return out.toByteArray();
  }
}
