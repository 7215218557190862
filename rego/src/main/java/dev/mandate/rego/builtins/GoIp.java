package dev.mandate.rego.builtins;

import java.util.HexFormat;

/** IP addresses spelled as Go's {@code net.IP.String} spells them (RFC 5952 for IPv6). */
final class GoIp {
  private GoIp() {}

  static String format(byte[] ip) {
    if (ip.length == 4) {
      return v4(ip, 0);
    }
    if (ip.length != 16) {
      return "?" + HexFormat.of().formatHex(ip);
    }
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= ip[i] == 0;
    }
    if (mapped && (ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff) {
      return v4(ip, 12);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((ip[2 * i] & 0xff) << 8) | (ip[2 * i + 1] & 0xff);
    }
    // The longest run of at least two zero groups (the first, on a tie) becomes "::".
    int bestStart = -1;
    int bestLen = 1;
    for (int i = 0; i < 8; ) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        sb.append("::");
        i += bestLen - 1;
        continue;
      }
      if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
        sb.append(':');
      }
      sb.append(Integer.toHexString(groups[i]));
    }
    return sb.toString();
  }

  private static String v4(byte[] ip, int off) {
    return (ip[off] & 0xff) + "." + (ip[off + 1] & 0xff) + "." + (ip[off + 2] & 0xff) + "." + (ip[off + 3] & 0xff);
  }
}
