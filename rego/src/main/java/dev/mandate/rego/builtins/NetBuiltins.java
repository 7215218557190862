package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * OPA's {@code net.cidr_*} built-ins, with Go's {@code net} semantics for parsing and matching
 * (see {@link GoIp}). {@code net.lookup_ip_addr} is deliberately not provided: policy decisions
 * must not depend on DNS.
 */
public final class NetBuiltins {
  private NetBuiltins() {}

  public static void register(BuiltinRegistry r) {
    r.function("net.cidr_contains", 2, (ctx, args) -> BooleanValue.of(contains(args[0], args[1])));
    r.function("net.cidr_intersects", 2, (ctx, args) -> {
      GoIp.Net a = network(args[0]);
      GoIp.Net b = network(args[1]);
      return BooleanValue.of(a.contains(b.ip()) || b.contains(a.ip()));
    });
    r.function("net.cidr_is_valid", 1, (ctx, args) ->
        BooleanValue.of(args[0] instanceof StringValue s && GoIp.parseCidr(s.value()) != null));
    r.function("net.cidr_expand", 1, NetBuiltins::expand);
    r.function("net.cidr_merge", 1, NetBuiltins::merge);
    r.function("net.cidr_contains_matches", 2, NetBuiltins::containsMatches);
  }

  /**
   * A CIDR operand. OPA reads every CIDR operand with the same helper, so a wrong type is
   * reported as operand 1 whichever operand it is.
   */
  private static GoIp.Net network(Value v) {
    String s = Args.string(new Value[] {v}, 0);
    GoIp.Cidr c = GoIp.parseCidr(s);
    if (c == null) {
      throw invalidCidr(s);
    }
    return c.net();
  }

  private static BuiltinException invalidCidr(String s) {
    return BuiltinException.error("invalid CIDR address: " + s);
  }

  /** Whether CIDR {@code a} contains the address or the whole CIDR {@code b}. */
  private static boolean contains(Value a, Value b) {
    GoIp.Net net = network(a);
    String text = Args.string(new Value[] {b}, 0);
    byte[] ip = GoIp.parseIp(text);
    if (ip != null) {
      return net.contains(ip);
    }
    GoIp.Cidr other = GoIp.parseCidr(text);
    if (other == null) {
      throw BuiltinException.error("not a valid textual representation of an IP address or CIDR: " + text);
    }
    // A contains B exactly when it contains B's first and last addresses.
    return net.contains(other.net().ip()) && net.contains(lastAddress(other.net()));
  }

  private static byte[] lastAddress(GoIp.Net n) {
    byte[] first = n.ip();
    byte[] last = new byte[n.bits() / 8];
    // Align the address to the mask's length, then set every host bit.
    System.arraycopy(first, Math.max(0, first.length - last.length), last,
        Math.max(0, last.length - first.length), Math.min(first.length, last.length));
    int host = n.bits() - n.prefixLength();
    for (int i = last.length - 1; i >= 0 && host > 0; i--, host -= 8) {
      last[i] |= (byte) (host >= 8 ? 0xff : (1 << host) - 1);
    }
    return last;
  }

  private static Value expand(BuiltinContext ctx, Value[] args) {
    String s = Args.string(args, 0);
    GoIp.Cidr c = GoIp.parseCidr(s);
    if (c == null) {
      throw invalidCidr(s);
    }
    Set<Value> hosts = new HashSet<>();
    byte[] ip = GoIp.mask(c.address(), c.net().mask());
    // Includes the network and broadcast addresses; stops when the address leaves the network.
    while (c.net().contains(ip)) {
      ctx.checkCancelled();
      hosts.add(StringValue.of(GoIp.format(ip)));
      GoIp.increment(ip);
    }
    return SetValue.wrap(hosts);
  }

  private static Value merge(BuiltinContext ctx, Value[] args) {
    Iterable<Value> elements;
    if (args[0] instanceof ArrayValue a) {
      elements = a;
    } else if (args[0] instanceof SetValue s) {
      elements = List.of(s.sortedElements());
    } else {
      throw BuiltinException.error("operand must be an array");
    }
    List<GoIp.Net> networks = new ArrayList<>();
    for (Value e : elements) {
      networks.add(mergeElement(e));
    }
    Set<Value> out = new HashSet<>();
    for (String cidr : CidrMerge.merge(networks, ctx)) {
      out.add(StringValue.of(cidr));
    }
    return SetValue.wrap(out);
  }

  /** An address or CIDR to merge; an IPv4 address stands for its classful network, as in OPA. */
  private static GoIp.Net mergeElement(Value e) {
    if (!(e instanceof StringValue sv)) {
      throw BuiltinException.error("element must be string");
    }
    String s = sv.value();
    byte[] ip = GoIp.parseIp(s);
    if (ip == null) {
      GoIp.Cidr c = GoIp.parseCidr(s);
      if (c == null) {
        throw invalidCidr(s);
      }
      return c.net();
    }
    byte[] v4 = GoIp.to4(ip);
    if (v4 == null) {
      throw BuiltinException.error("IPv6 invalid: needs prefix length");
    }
    int first = v4[0] & 0xff;
    int classful = first < 0x80 ? 8 : first < 0xC0 ? 16 : 24;
    return new GoIp.Net(ip, GoIp.cidrMask(classful, 32));
  }

  /** One CIDR-or-address of a contains_matches operand and the key reported for it. */
  private record Keyed(Value cidr, Value key) {}

  private static Value containsMatches(BuiltinContext ctx, Value[] args) {
    List<Keyed> left = keyed(1, args[0]);
    if (left.isEmpty()) {
      return SetValue.EMPTY; // OPA never looks at the second operand then
    }
    List<Keyed> right = keyed(2, args[1]);
    Set<Value> matches = new HashSet<>();
    for (Keyed l : left) {
      for (Keyed r : right) {
        ctx.checkCancelled();
        if (contains(l.cidr(), r.cidr())) {
          matches.add(ArrayValue.of(l.key(), r.key()));
        }
      }
    }
    return SetValue.wrap(matches);
  }

  /**
   * The elements of a contains_matches operand with their keys: a string is its own key; array
   * elements are keyed by index, set elements by themselves, object values by their key. An
   * element is a string or a non-empty array whose first item is the CIDR or address.
   */
  private static List<Keyed> keyed(int operand, Value v) {
    List<Keyed> out = new ArrayList<>();
    if (v instanceof StringValue) {
      out.add(new Keyed(v, v));
    } else if (v instanceof ArrayValue a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new Keyed(matchTerm(operand, a.get(i)), NumberValue.of(i)));
      }
    } else if (v instanceof SetValue s) {
      for (Value e : s.sortedElements()) {
        out.add(new Keyed(matchTerm(operand, e), e));
      }
    } else if (v instanceof ObjectValue o) {
      for (Value k : o.keys()) {
        out.add(new Keyed(matchTerm(operand, o.get(k)), k));
      }
    }
    return out;
  }

  private static Value matchTerm(int operand, Value e) {
    if (e instanceof StringValue) {
      return e;
    }
    if (e instanceof ArrayValue a && !a.isEmpty()) {
      return a.get(0);
    }
    throw BuiltinException.error("operand " + operand + ": element must be string or non-empty array");
  }
}
