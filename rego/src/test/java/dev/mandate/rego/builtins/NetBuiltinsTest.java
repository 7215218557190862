package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.TimeNetCalls.a;
import static dev.mandate.rego.builtins.TimeNetCalls.n;
import static dev.mandate.rego.builtins.TimeNetCalls.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetBuiltinsTest {
  private final TimeNetCalls calls = new TimeNetCalls(NetBuiltins::register);

  private void contains(boolean expected, String cidr, String other) {
    calls.expect(Boolean.toString(expected), "net.cidr_contains", s(cidr), s(other));
  }

  private void valid(boolean expected, String cidr) {
    calls.expect(Boolean.toString(expected), "net.cidr_is_valid", s(cidr));
  }

  private static SetValue strings(String... v) {
    Value[] vs = new Value[v.length];
    for (int i = 0; i < v.length; i++) {
      vs[i] = StringValue.of(v[i]);
    }
    return SetValue.of(vs);
  }

  private void merge(Value input, String... expected) {
    assertEquals(strings(expected), calls.call("net.cidr_merge", input));
  }

  @Test
  void registersOpaNamesButNotDnsLookup() {
    assertEquals(Set.of("net.cidr_contains", "net.cidr_intersects", "net.cidr_is_valid", "net.cidr_expand",
        "net.cidr_merge", "net.cidr_contains_matches"), calls.registry().names());
    assertFalse(calls.registry().contains("net.lookup_ip_addr"));
  }

  @Test
  void containsAsConformanceSuite() {
    contains(true, "10.0.0.0/8", "10.1.0.0/24");
    contains(false, "172.17.0.0/24", "172.17.0.0/16");
    contains(true, "10.0.0.0/8", "10.1.1.1/32");
    contains(true, "2001:4860:4860::8888/32", "2001:4860:4860:1234::8888/40");
    contains(true, "2001:4860:4860::8888/32", "2001:4860:4860:1234:5678:1234:5678:8888/128");
    contains(false, "2001:4860::/96", "2001:4860::/32");
    contains(true, "10.0.0.0/8", "10.1.2.3");
    contains(false, "10.0.0.0/8", "192.168.1.1");
    calls.expectError(EvalException.BUILTIN, "invalid CIDR address: not-a-cidr",
        "net.cidr_contains", s("not-a-cidr"), s("192.168.1.67"));
    calls.expectError(EvalException.BUILTIN,
        "not a valid textual representation of an IP address or CIDR: not-a-cidr",
        "net.cidr_contains", s("192.168.1.0/28"), s("not-a-cidr"));
  }

  @Test
  void ipv4MappedAddressesMatchIpv4Networks() {
    contains(true, "10.0.0.0/8", "::ffff:10.1.2.3");
    contains(true, "::ffff:10.0.0.0/104", "10.200.0.1");
    contains(false, "::ffff:10.0.0.0/104", "11.0.0.1");
    contains(false, "::/0", "10.0.0.1"); // an IPv4 address is never in a plain IPv6 network
    contains(true, "0.0.0.0/0", "255.255.255.255");
    contains(false, "10.0.0.0/8", "::1");
    contains(true, "::/0", "::1");
    // Zoned addresses are neither addresses nor CIDRs to Go's net package.
    calls.expectError(EvalException.BUILTIN,
        "not a valid textual representation of an IP address or CIDR: fe80::1%eth0",
        "net.cidr_contains", s("fe80::/10"), s("fe80::1%eth0"));
  }

  @Test
  void validity() {
    valid(true, "192.168.1.0/24");
    valid(false, "");
    valid(false, "there goes a string");
    valid(false, "192.168.1.2");
    valid(true, "2002::1234:abcd:ffff:c0a8:101/64");
    valid(true, "192.168.1.0/08"); // Go reads the prefix length with leading zeros
    valid(false, "192.168.01.0/24"); // but not octets with them
    valid(false, "192.168.1.0/33");
    valid(false, "::/129");
    valid(true, "::/128");
    valid(false, "192.168.1.0/");
    valid(false, "192.168.1.0/+8");
    valid(false, "fe80::1%eth0/64"); // zones are refused
    valid(false, "1:2:3:4:5:6:7:8:9/64");
    valid(false, "1::2::3/64");
    valid(false, "1:2:3:4:5:6:7::8/64"); // "::" standing for no group
    valid(true, "::ffff:1.2.3.4/128");
    valid(false, "1:2:3:4:5:6:1.2.3.4:1/128");
    valid(true, "1:2:3:4:5:6:1.2.3.4/128");
    valid(false, "12345::/16");
    valid(false, "256.0.0.0/8");
    valid(false, "1.2.3/8");
    calls.expect("false", "net.cidr_is_valid", n(1));
  }

  @Test
  void intersects() {
    calls.expect("true", "net.cidr_intersects", s("192.168.0.0/16"), s("192.168.1.0/24"));
    calls.expect("true", "net.cidr_intersects", s("192.168.1.0/24"), s("192.168.0.0/16"));
    calls.expect("false", "net.cidr_intersects", s("192.168.0.0/24"), s("192.168.1.0/24"));
    calls.expect("true", "net.cidr_intersects", s("fd1e:5bfe:8af3:9ddc::/64"), s("fd1e:5bfe:8af3:9ddc:1111::/72"));
    calls.expectError(EvalException.BUILTIN, "invalid CIDR address: 10.0.0.1", "net.cidr_intersects",
        s("10.0.0.0/8"), s("10.0.0.1"));
    calls.expectError(EvalException.TYPE, "operand 1 must be string but got number", "net.cidr_intersects",
        s("10.0.0.0/8"), n(1));
  }

  @Test
  void expand() {
    assertEquals(strings("192.168.1.0", "192.168.1.1", "192.168.1.2", "192.168.1.3"),
        calls.call("net.cidr_expand", s("192.168.1.1/30")));
    assertEquals(strings("172.16.100.252", "172.16.100.253", "172.16.100.254", "172.16.100.255"),
        calls.call("net.cidr_expand", s("172.16.100.255/30")));
    assertEquals(strings("255.255.255.254", "255.255.255.255"), calls.call("net.cidr_expand", s("255.255.255.255/31")));
    assertEquals(strings("2002::1234:abcd:ffff:c0a8:100", "2002::1234:abcd:ffff:c0a8:101"),
        calls.call("net.cidr_expand", s("2002::1234:abcd:ffff:c0a8:101/127")));
    assertEquals(strings("::ffff:ffff"), calls.call("net.cidr_expand", s("::ffff:ffff/128")));
    assertEquals(strings("1.2.3.4"), calls.call("net.cidr_expand", s("::ffff:1.2.3.4/128")));
    assertEquals(256, ((SetValue) calls.call("net.cidr_expand", s("10.0.0.0/24"))).size());
    calls.expectError(EvalException.BUILTIN, "invalid CIDR address: 192.168.1.1/33", "net.cidr_expand", s("192.168.1.1/33"));
  }

  @Test
  void expandChecksForCancellation() {
    TimeNetTestContext ctx = new TimeNetTestContext();
    calls.ctx = ctx;
    calls.call("net.cidr_expand", s("10.0.0.0/22"));
    assertTrue(ctx.cancelChecks >= 1024);
    // A huge range stops as soon as the query is cancelled.
    calls.ctx = new TimeNetTestContext() {
      @Override
      public void checkCancelled() {
        if (++cancelChecks > 1000) {
          throw BuiltinException.error("cancelled");
        }
      }
    };
    calls.expectError(EvalException.BUILTIN, "cancelled", "net.cidr_expand", s("::/0"));
  }

  @Test
  void formatsIpv6AsGo() {
    assertEquals("2001:db8::1", GoIp.format(GoIp.parseIp("2001:0DB8:0:0:0:0:0:1")));
    assertEquals("2001:db8:0:1:1:1:1:1", GoIp.format(GoIp.parseIp("2001:db8:0:1:1:1:1:1")));
    assertEquals("2001:0:0:1::1", GoIp.format(GoIp.parseIp("2001:0:0:1:0:0:0:1")));
    assertEquals("::", GoIp.format(GoIp.parseIp("::")));
    assertEquals("::1", GoIp.format(GoIp.parseIp("::1")));
    assertEquals("1::", GoIp.format(GoIp.parseIp("1::")));
    assertEquals("::102:304", GoIp.format(GoIp.parseIp("::1.2.3.4")));
    assertEquals("1.2.3.4", GoIp.format(GoIp.parseIp("::ffff:1.2.3.4")));
  }

  @Test
  void mergeAsOpa() {
    merge(a(s("192.0.128.0/24")), "192.0.128.0/24");
    merge(a(s("192.0.128.0/24"), s("192.0.128.0/24")), "192.0.128.0/24");
    merge(a(s("192.0.128.0/24"), s("0.0.0.0/0")), "0.0.0.0/0");
    merge(a(s("192.0.128.0/24"), s("192.0.129.0/24")), "192.0.128.0/23");
    merge(a(s("192.0.2.112/30"), s("192.0.2.116/31"), s("192.0.2.118/31")), "192.0.2.112/29");
    merge(a(s("192.0.129.0/24"), s("192.0.130.0/24")), "192.0.129.0/24", "192.0.130.0/24");
    merge(a(s("192.0.2.112/30"), s("192.0.2.116/32"), s("192.0.2.118/31")),
        "192.0.2.112/30", "192.0.2.116/32", "192.0.2.118/31");
    merge(a(s("192.0.2.112/31"), s("192.0.2.116/31"), s("192.0.2.118/31")), "192.0.2.112/31", "192.0.2.116/30");
    merge(a(s("192.0.1.254/31"), s("192.0.2.0/28"), s("192.0.2.16/28"), s("192.0.2.32/28"), s("192.0.2.48/28"),
        s("192.0.2.64/28"), s("192.0.2.80/28"), s("192.0.2.96/28"), s("192.0.2.112/28"), s("192.0.2.128/28"),
        s("192.0.2.144/28"), s("192.0.2.160/28"), s("192.0.2.176/28"), s("192.0.2.192/28"), s("192.0.2.208/28"),
        s("192.0.2.224/28"), s("192.0.2.240/28"), s("192.0.3.0/28")),
        "192.0.1.254/31", "192.0.2.0/24", "192.0.3.0/28");
    merge(a(s("::/0"), s("fe80::1/128")), "::/0");
    merge(a(s("::/0"), s("::192.0.2.0/124"), s("ff00::101/128")), "::/0");
    merge(a(s("fe80::/120"), s("192.0.2.0/24"), s("192.0.3.0/24"), s("192.0.4.0/25"), s("192.0.4.128/25")),
        "192.0.2.0/23", "192.0.4.0/24", "fe80::/120");
    merge(a());
    merge(a(s("192.0.2.112"), s("192.0.2.116/31"), s("192.0.2.118/31")), "192.0.2.0/24");
    merge(a(s("192.0.128.0"), s("192.0.129.0")), "192.0.128.0/23");
    merge(SetValue.of(s("192.0.2.112/30"), s("192.0.2.116/31"), s("192.0.2.118/31")), "192.0.2.112/29");
    merge(a(s("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128")), "2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128");
    merge(a(s("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/64"), s("2601:600:8a80:207e:a57d:7567:e2c9:e7b3/128")),
        "2601:600:8a80:207e::/64");
    merge(a(s("2001:0db8::/32"), s("2001:0db9::/32")), "2001:db8::/31");
    // A range that is not a single block splits into its minimal list of blocks.
    merge(a(s("10.0.0.1/32"), s("10.0.0.2/31"), s("10.0.0.4/30"), s("10.0.0.8/32")),
        "10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/30", "10.0.0.8/32");
    merge(a(s("10.0.0.0/32"), s("10.0.0.1/32"), s("10.0.0.2/32")), "10.0.0.0/31", "10.0.0.2/32");
    merge(a(s("255.255.255.255/32"), s("255.255.255.254/32")), "255.255.255.254/31");
    merge(a(s("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"), s("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/128")),
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127");
  }

  @Test
  void mergeKeepsAnUnmergedAddressWithItsClassfulMask() {
    // OPA gives a bare IPv4 address its classful mask and prints an unmerged one as given.
    merge(a(s("192.168.1.1")), "192.168.1.1/24");
    merge(a(s("10.1.2.3")), "10.1.2.3/8");
    merge(a(s("172.16.5.4")), "172.16.5.4/16");
    merge(a(s("192.168.1.1"), s("192.168.1.1")), "192.168.1.0/24");
  }

  @Test
  void mergeErrors() {
    calls.expectError(EvalException.BUILTIN, "invalid CIDR address: foo", "net.cidr_merge", a(s("foo")));
    calls.expectError(EvalException.BUILTIN, "IPv6 invalid: needs prefix length", "net.cidr_merge",
        a(s("2601:600:8a80:207e:a57d:7567:e2c9:e7b3")));
    calls.expectError(EvalException.BUILTIN, "element must be string", "net.cidr_merge", a(n(1)));
    calls.expectError(EvalException.BUILTIN, "operand must be an array", "net.cidr_merge", s("10.0.0.0/8"));
  }

  @Test
  void containsMatchesAsDocumented() {
    calls.expect("{[\"1.1.0.0/16\", \"1.1.1.128\"]}", "net.cidr_contains_matches", s("1.1.0.0/16"), s("1.1.1.128"));
    calls.expect("{[0, 1]}", "net.cidr_contains_matches",
        a(s("1.1.0.0/16"), s("1.1.2.0/24")), a(s("2.2.2.2"), s("1.1.1.128")));
    ObjectValue objects = ObjectValue.builder()
        .put(s("x"), s("1.1.1.128"))
        .put(s("y"), a(s("1.1.254.254"), s("bar")))
        .build();
    calls.expect("{[[\"1.1.0.0/16\", \"foo\", 1], \"x\"], [[\"1.1.0.0/16\", \"foo\", 1], \"y\"]}",
        "net.cidr_contains_matches", SetValue.of(a(s("1.1.0.0/16"), s("foo"), n(1)), s("1.1.2.0/24")), objects);
    calls.expect("{[\"a\", \"b\"]}", "net.cidr_contains_matches",
        ObjectValue.builder().put(s("a"), s("10.0.0.0/8")).build(),
        ObjectValue.builder().put(s("b"), s("10.0.0.0/24")).put(s("c"), s("11.0.0.0/24")).build());
    calls.expect("set()", "net.cidr_contains_matches", a(), s("not checked"));
    calls.expectError(EvalException.BUILTIN, "operand 2: element must be string or non-empty array",
        "net.cidr_contains_matches", s("1.0.0.0/8"), a(a()));
    calls.expectError(EvalException.BUILTIN, "operand 1: element must be string or non-empty array",
        "net.cidr_contains_matches", a(n(1)), s("1.1.1.1"));
    calls.expectError(EvalException.BUILTIN, "invalid CIDR address: 1.1.1.1",
        "net.cidr_contains_matches", s("1.1.1.1"), s("1.1.1.1"));
  }
}
