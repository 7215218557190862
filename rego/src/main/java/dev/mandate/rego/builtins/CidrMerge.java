package dev.mandate.rego.builtins;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The merge behind {@code net.cidr_merge}: each network becomes a range of addresses in the
 * 128-bit space (IPv4 as IPv4-mapped), ranges are sorted by last then first address and merged
 * from the end when they overlap or touch. A network that merged with nothing is printed as it
 * was given (for a bare IPv4 address that means the address with its classful mask, as OPA
 * prints it); merged ranges are printed as their minimal list of CIDRs.
 */
final class CidrMerge {
  private CidrMerge() {}

  private static final BigInteger V4_MAPPED_BASE = BigInteger.valueOf(0xffffL).shiftLeft(32);

  private record Range(BigInteger first, BigInteger last, GoIp.Net network) {}

  static List<String> merge(List<GoIp.Net> networks, BuiltinContext ctx) {
    List<Range> ranges = new ArrayList<>(networks.size());
    for (GoIp.Net n : networks) {
      ranges.add(rangeOf(n));
    }
    ranges.sort(Comparator.comparing(Range::last).thenComparing(Range::first));
    for (int i = ranges.size() - 1; i > 0; i--) {
      Range cur = ranges.get(i);
      Range prev = ranges.get(i - 1);
      if (previous(cur.first()).compareTo(prev.last()) <= 0) {
        BigInteger first = prev.first().min(cur.first());
        ranges.set(i - 1, new Range(first, cur.last(), null));
        ranges.remove(i);
      }
    }
    List<String> out = new ArrayList<>();
    for (Range r : ranges) {
      if (r.network() != null) {
        out.add(r.network().toString());
      } else {
        toCidrs(r.first(), r.last(), out, ctx);
      }
    }
    return out;
  }

  private static Range rangeOf(GoIp.Net n) {
    byte[] masked = GoIp.mask(n.ip(), n.mask());
    byte[] v4 = GoIp.to4(masked);
    BigInteger first = new BigInteger(1, v4 != null ? GoIp.to16(v4) : masked);
    int hostBits = n.bits() - n.prefixLength();
    BigInteger last = first.or(BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE));
    return new Range(first, last, n);
  }

  /** The address before {@code ip}; the lowest IPv4 and IPv6 addresses have none and stay put. */
  private static BigInteger previous(BigInteger ip) {
    if (ip.signum() == 0 || ip.equals(V4_MAPPED_BASE)) {
      return ip;
    }
    return ip.subtract(BigInteger.ONE);
  }

  private static boolean isV4Mapped(BigInteger ip) {
    return ip.shiftRight(32).equals(BigInteger.valueOf(0xffffL));
  }

  /** Appends the minimal list of aligned blocks that exactly covers [first, last]. */
  private static void toCidrs(BigInteger first, BigInteger last, List<String> out, BuiltinContext ctx) {
    boolean v4 = isV4Mapped(first) && isV4Mapped(last);
    int bits = v4 ? 32 : 128;
    BigInteger a = first;
    while (a.compareTo(last) <= 0) {
      ctx.checkCancelled();
      int k = Math.min(a.getLowestSetBit() < 0 ? bits : a.getLowestSetBit(), bits);
      while (k > 0 && a.add(BigInteger.ONE.shiftLeft(k)).subtract(BigInteger.ONE).compareTo(last) > 0) {
        k--;
      }
      out.add(GoIp.format(toBytes(a)) + "/" + (bits - k));
      a = a.add(BigInteger.ONE.shiftLeft(k));
    }
  }

  private static byte[] toBytes(BigInteger v) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[16];
    int n = Math.min(raw.length, 16);
    System.arraycopy(raw, raw.length - n, out, 16 - n, n);
    return out;
  }
}
