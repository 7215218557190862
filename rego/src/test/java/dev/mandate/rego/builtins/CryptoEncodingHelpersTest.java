package dev.mandate.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.Json;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The Go-compatible encodings the crypto and JWT built-ins depend on. */
class CryptoEncodingHelpersTest {

  @Test
  void base64UrlAcceptsPaddedAndUnpadded() {
    assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), JwtBase64.decode("YWI"));
    assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), JwtBase64.decode("YWI="));
    assertArrayEquals(new byte[] {(byte) 0xfb, (byte) 0xff}, JwtBase64.decode("-_8"));
    assertArrayEquals(new byte[0], JwtBase64.decode(""));
  }

  @Test
  void base64UrlRejectsStandardAlphabetAndBadLengths() {
    assertEquals("illegal base64 data at input byte 0", assertThrows(IllegalArgumentException.class,
        () -> JwtBase64.decode("+/8")).getMessage());
    assertEquals("illegal base64url string: abcde", assertThrows(IllegalArgumentException.class,
        () -> JwtBase64.decode("abcde")).getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> JwtBase64.decode("YQ=")).getMessage()
        .startsWith("illegal base64 data at input byte"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> JwtBase64.decode("Y===")).getMessage()
        .startsWith("illegal base64 data at input byte"));
  }

  @Test
  void pemBlockConsumesOneTrailingLineBreakOnly() {
    String block = "-----BEGIN X-----\nAAEC\n-----END X-----\n";
    Pem.Block b = Pem.decode(block).orElseThrow();
    assertEquals("X", b.type());
    assertArrayEquals(new byte[] {0, 1, 2}, b.bytes());
    assertEquals("", b.rest());
    assertEquals("\n", Pem.decode(block + "\n").orElseThrow().rest());
  }

  @Test
  void pemSkipsLeadingTextAndMalformedBlocks() {
    String text = "junk\n-----BEGIN A-----\n!!!\n-----END A-----\n-----BEGIN B-----\nAA==\n-----END B-----\n";
    assertEquals("B", Pem.decode(text).orElseThrow().type());
    assertTrue(Pem.decode("no pem here").isEmpty());
    assertEquals(2, Pem.decodeAll("-----BEGIN A-----\nAA==\n-----END A-----\n-----BEGIN B-----\nAA==\n-----END B-----\n").size());
  }

  @Test
  void ipAddressesAreSpelledAsGoSpellsThem() {
    assertEquals("10.0.0.1", GoIp.format(new byte[] {10, 0, 0, 1}));
    assertEquals("::1", GoIp.format(HexFormat.of().parseHex("00000000000000000000000000000001")));
    assertEquals("2001:db8::1", GoIp.format(HexFormat.of().parseHex("20010db8000000000000000000000001")));
    assertEquals("2001:db8:0:1:1:1:1:1", GoIp.format(HexFormat.of().parseHex("20010db8000000010001000100010001")));
    assertEquals("192.0.2.1", GoIp.format(HexFormat.of().parseHex("00000000000000000000ffffc0000201")));
    assertEquals("fe80::", GoIp.format(HexFormat.of().parseHex("fe800000000000000000000000000000")));
  }

  @Test
  void goJsonSortsKeysAndEscapesHtml() {
    assertEquals("{\"a\":[1,\"x\"],\"b\":\"\\u003c\\u0026\\u003e\\u2028\"}",
        GoJson.marshal(Json.parse("{\"b\":\"<&>\u2028\",\"a\":[1,\"x\"]}")));
    assertEquals("\"\\b\\f\\n\\r\\t\\u0001\\\"\\\\\"", GoJson.marshal(dev.mandate.rego.value.StringValue.of("\b\f\n\r\t\u0001\"\\")));
  }

  @Test
  void derReadsNestedStructure() {
    // SEQUENCE { INTEGER 5, OID 1.2.840.113549 }
    Der.Element e = Der.read(HexFormat.of().parseHex("300b02010506062a864886f70d"));
    assertEquals(2, e.children().size());
    assertEquals(5, e.children().get(0).integer().intValue());
    assertEquals("1.2.840.113549", Der.oidString(e.children().get(1).oid()));
    assertThrows(Der.DerException.class, () -> Der.read(HexFormat.of().parseHex("300b020105")));
  }
}
