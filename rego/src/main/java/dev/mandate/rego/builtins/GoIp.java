package dev.mandate.rego.builtins;

import java.util.Arrays;

/**
 * IP addresses and networks with the semantics of Go's {@code net} package, which OPA's
 * {@code net.*} built-ins use: addresses are 4 or 16 bytes, IPv4 addresses parsed from text are
 * held in their IPv4-mapped 16-byte form, and an IPv4-mapped IPv6 address matches an IPv4
 * network (and the other way round). Parsing follows {@code net/netip}: dotted IPv4 without
 * leading zeros, IPv6 with at most one "::" and an optional trailing IPv4 part; zones ("%eth0")
 * are refused.
 */
final class GoIp {
  private GoIp() {}

  static final int V4_LEN = 4;
  static final int V6_LEN = 16;
  private static final byte[] V4_IN_V6_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

  /** A network: its (masked) address and its mask, of equal or mixed 4/16-byte lengths as Go has them. */
  record Net(byte[] ip, byte[] mask) {
    /** Go's {@code IPNet.Contains}. */
    boolean contains(byte[] addr) {
      byte[] nn = to4(ip);
      if (nn == null) {
        nn = ip;
        if (nn.length != V6_LEN) {
          return false;
        }
      }
      byte[] m = mask;
      if (m.length == V4_LEN) {
        if (nn.length != V4_LEN) {
          return false;
        }
      } else if (m.length == V6_LEN) {
        if (nn.length == V4_LEN) {
          m = Arrays.copyOfRange(m, 12, 16);
        }
      } else {
        return false;
      }
      byte[] x = to4(addr);
      if (x != null) {
        addr = x;
      }
      if (addr.length != nn.length) {
        return false;
      }
      for (int i = 0; i < addr.length; i++) {
        if ((nn[i] & m[i]) != (addr[i] & m[i])) {
          return false;
        }
      }
      return true;
    }

    /** Prefix length; masks here are always canonical. */
    int prefixLength() {
      int ones = 0;
      for (byte b : mask) {
        ones += Integer.bitCount(b & 0xff);
      }
      return ones;
    }

    int bits() {
      return mask.length * 8;
    }

    /** Go's {@code IPNet.String}: the address as stored (not re-masked) and the prefix length. */
    @Override
    public String toString() {
      byte[] nn = to4(ip);
      if (nn == null) {
        nn = ip;
      }
      return format(nn) + "/" + prefixLength();
    }
  }

  /** A parsed CIDR: the address as written (16 bytes) and its network. */
  record Cidr(byte[] address, Net net) {}

  /** Go's {@code net.ParseIP}: a 16-byte address, or null. */
  static byte[] parseIp(String s) {
    Addr a = parseAddr(s);
    return a == null ? null : a.bytes16();
  }

  /** Go's {@code net.ParseCIDR}, or null when the text is not a CIDR. */
  static Cidr parseCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return null;
    }
    Addr a = parseAddr(s.substring(0, slash));
    if (a == null) {
      return null;
    }
    String maskText = s.substring(slash + 1);
    int n = 0;
    int i = 0;
    while (i < maskText.length() && maskText.charAt(i) >= '0' && maskText.charAt(i) <= '9') {
      n = n * 10 + (maskText.charAt(i) - '0');
      if (n >= 0xFFFFFF) {
        return null;
      }
      i++;
    }
    int bits = a.is4() ? 32 : 128;
    if (i == 0 || i != maskText.length() || n > bits) {
      return null;
    }
    byte[] mask = cidrMask(n, bits);
    byte[] addr = a.bytes16();
    return new Cidr(addr, new Net(mask(addr, mask), mask));
  }

  static byte[] cidrMask(int ones, int bits) {
    byte[] m = new byte[bits / 8];
    for (int i = 0; i < m.length; i++) {
      int take = Math.max(0, Math.min(8, ones - i * 8));
      m[i] = (byte) (0xff << (8 - take));
    }
    return m;
  }

  /** Go's {@code IP.Mask}; null when lengths do not fit. */
  static byte[] mask(byte[] ip, byte[] mask) {
    if (mask.length == V6_LEN && ip.length == V4_LEN && allFF(mask, 0, 12)) {
      mask = Arrays.copyOfRange(mask, 12, 16);
    }
    if (mask.length == V4_LEN && ip.length == V6_LEN && hasV4Prefix(ip)) {
      ip = Arrays.copyOfRange(ip, 12, 16);
    }
    if (ip.length != mask.length) {
      return null;
    }
    byte[] out = new byte[ip.length];
    for (int i = 0; i < ip.length; i++) {
      out[i] = (byte) (ip[i] & mask[i]);
    }
    return out;
  }

  /** Go's {@code IP.To4}: the 4-byte form, or null when the address is not IPv4. */
  static byte[] to4(byte[] ip) {
    if (ip.length == V4_LEN) {
      return ip;
    }
    if (ip.length == V6_LEN && hasV4Prefix(ip)) {
      return Arrays.copyOfRange(ip, 12, 16);
    }
    return null;
  }

  /** The 16-byte form of a 4- or 16-byte address. */
  static byte[] to16(byte[] ip) {
    if (ip.length == V6_LEN) {
      return ip;
    }
    byte[] out = Arrays.copyOf(V4_IN_V6_PREFIX, 16);
    System.arraycopy(ip, 0, out, 12, 4);
    return out;
  }

  /** Adds one in place, wrapping around. */
  static void increment(byte[] ip) {
    for (int j = ip.length - 1; j >= 0; j--) {
      ip[j]++;
      if (ip[j] != 0) {
        break;
      }
    }
  }

  /** Go's {@code IP.String}: dotted IPv4 for IPv4 (and IPv4-mapped) addresses, RFC 5952 IPv6 otherwise. */
  static String format(byte[] ip) {
    byte[] v4 = to4(ip);
    if (v4 != null) {
      return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
    }
    // The longest run of two or more zero groups (the first on ties) becomes "::".
    int zeroStart = -1;
    int zeroLen = 1;
    for (int i = 0; i < 8; i++) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > zeroLen) {
        zeroStart = i;
        zeroLen = j - i;
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == zeroStart) {
        b.append("::");
        i += zeroLen - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(groups[i]));
    }
    return b.toString();
  }

  private static boolean hasV4Prefix(byte[] ip) {
    return Arrays.equals(ip, 0, 12, V4_IN_V6_PREFIX, 0, 12);
  }

  private static boolean allFF(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != (byte) 0xff) {
        return false;
      }
    }
    return true;
  }

  /** A parsed address: 16 bytes, and whether it was written as IPv4. */
  private record Addr(byte[] bytes16, boolean is4) {}

  /** {@code netip.ParseAddr} without zones; null when invalid. */
  private static Addr parseAddr(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        byte[] v4 = parseV4(s);
        return v4 == null ? null : new Addr(to16(v4), true);
      }
      if (c == ':') {
        byte[] v6 = parseV6(s);
        return v6 == null ? null : new Addr(v6, false);
      }
      if (c == '%') {
        return null;
      }
    }
    return null;
  }

  private static int hexDigit(char c) {
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

  private static byte[] parseV4(String s) {
    byte[] fields = new byte[4];
    int val = 0;
    int pos = 0;
    int digits = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (digits == 1 && val == 0) {
          return null; // leading zero
        }
        val = val * 10 + (c - '0');
        digits++;
        if (val > 255) {
          return null;
        }
      } else if (c == '.') {
        if (i == 0 || i == s.length() - 1 || s.charAt(i - 1) == '.' || pos == 3) {
          return null;
        }
        fields[pos++] = (byte) val;
        val = 0;
        digits = 0;
      } else {
        return null;
      }
    }
    if (pos < 3) {
      return null;
    }
    fields[3] = (byte) val;
    return fields;
  }

  private static byte[] parseV6(String s) {
    if (s.indexOf('%') >= 0) {
      return null; // a zone: Go's ParseIP and ParseCIDR refuse zoned addresses
    }
    byte[] ip = new byte[16];
    int ellipsis = -1;
    if (s.startsWith("::")) {
      ellipsis = 0;
      s = s.substring(2);
      if (s.isEmpty()) {
        return ip;
      }
    }
    int i = 0;
    while (i < 16) {
      int off = 0;
      int acc = 0;
      while (off < s.length()) {
        int d = hexDigit(s.charAt(off));
        if (d < 0) {
          break;
        }
        acc = (acc << 4) + d;
        if (off > 3 || acc > 0xFFFF) {
          return null;
        }
        off++;
      }
      if (off == 0) {
        return null;
      }
      if (off < s.length() && s.charAt(off) == '.') {
        // A trailing IPv4 part fills the last four bytes.
        if ((ellipsis < 0 && i != 12) || i + 4 > 16) {
          return null;
        }
        byte[] v4 = parseV4(s);
        if (v4 == null) {
          return null;
        }
        System.arraycopy(v4, 0, ip, i, 4);
        s = "";
        i += 4;
        break;
      }
      ip[i] = (byte) (acc >> 8);
      ip[i + 1] = (byte) acc;
      i += 2;
      s = s.substring(off);
      if (s.isEmpty()) {
        break;
      }
      if (s.charAt(0) != ':' || s.length() == 1) {
        return null;
      }
      s = s.substring(1);
      if (s.charAt(0) == ':') {
        if (ellipsis >= 0) {
          return null; // a second "::"
        }
        ellipsis = i;
        s = s.substring(1);
        if (s.isEmpty()) {
          break;
        }
      }
    }
    if (!s.isEmpty()) {
      return null;
    }
    if (i < 16) {
      if (ellipsis < 0) {
        return null;
      }
      int n = 16 - i;
      for (int j = i - 1; j >= ellipsis; j--) {
        ip[j + n] = ip[j];
      }
      Arrays.fill(ip, ellipsis, ellipsis + n, (byte) 0);
    } else if (ellipsis >= 0) {
      return null; // "::" must stand for at least one group
    }
    return ip;
  }
}
