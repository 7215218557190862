package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.BuiltinTestSupport.j;
import static dev.mandate.rego.builtins.BuiltinTestSupport.s;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.Value;
import org.junit.jupiter.api.Test;

class EncodingBuiltinsTest {
  private final BuiltinTestSupport t = new BuiltinTestSupport(EncodingBuiltins::register);

  @Test
  void registersOpaNames() {
    for (String n : new String[] {"base64.encode", "base64.decode", "base64.is_valid", "base64url.encode",
        "base64url.encode_no_pad", "base64url.decode", "hex.encode", "hex.decode", "urlquery.encode",
        "urlquery.decode", "urlquery.encode_object", "urlquery.decode_object"}) {
      assertEquals(1, t.lookup(n).arity(), n);
    }
    assertEquals(12, t.registry.names().size());
  }

  // --- base64 (conformance: base64builtins) ---

  @Test
  void base64EncodeAndDecodeConformance() {
    assertEquals("aGVsbG8=", t.callString("base64.encode", "hello"));
    assertEquals("dGhlcmU=", t.callString("base64.encode", "there"));
    assertEquals("c3ViamVjdHM/X2Q=", t.callString("base64.encode", "subjects?_d"));
    assertEquals("there", t.callString("base64.decode", "dGhlcmU="));
    assertEquals("subjects?_d", t.callString("base64.decode", "c3ViamVjdHM/X2Q="));
    assertEquals(BooleanValue.TRUE, t.call("base64.is_valid", s("aGVsbG8=")));
    assertEquals(BooleanValue.FALSE, t.call("base64.is_valid", s("{'not':'base64'}")));
  }

  @Test
  void base64EncodesUtf8Bytes() {
    assertEquals("w6k=", t.callString("base64.encode", "é"));
    assertEquals("8J+YgA==", t.callString("base64.encode", "😀"));
    assertEquals("😀", t.callString("base64.decode", "8J+YgA=="));
    assertEquals("", t.callString("base64.encode", ""));
    assertEquals("", t.callString("base64.decode", ""));
  }

  @Test
  void base64DecodeErrorsNameTheOffendingByteAsGoDoes() {
    // Padding is required, as in Go's StdEncoding.
    assertEquals("illegal base64 data at input byte 4", t.builtinError("base64.decode", s("aGVsbG8")).getMessage());
    assertEquals("illegal base64 data at input byte 0", t.builtinError("base64.decode", s("{'not':'base64'}")).getMessage());
    assertEquals("illegal base64 data at input byte 4", t.builtinError("base64.decode", s("aGVs!G8=")).getMessage());
    // URL alphabet is not standard base64.
    assertEquals("illegal base64 data at input byte 1", t.builtinError("base64.decode", s("a-_b")).getMessage());
    // Padding in the wrong place, and data after the padding.
    assertEquals("illegal base64 data at input byte 1", t.builtinError("base64.decode", s("a===")).getMessage());
    assertEquals("illegal base64 data at input byte 4", t.builtinError("base64.decode", s("aGU=aGU=")).getMessage());
    assertEquals("h", t.callString("base64.decode", "aG=="));
    // One '=' where two are needed: Go reports the end of the input.
    assertEquals("illegal base64 data at input byte 3", t.builtinError("base64.decode", s("aG=")).getMessage());
    assertEquals("illegal base64 data at input byte 2", t.builtinError("base64.decode", s("aG=x")).getMessage());
    assertEquals(BooleanValue.FALSE, t.call("base64.is_valid", s("aGVsbG8")));
  }

  @Test
  void base64SkipsLineBreaksAndIgnoresTrailingBitsLikeGo() {
    assertEquals("hello", t.callString("base64.decode", "aGVs\nbG8=\r\n"));
    // "aGVsbG9=" has non-zero leftover bits; Go's non-strict decoding accepts it.
    assertEquals("hello", t.callString("base64.decode", "aGVsbG9="));
    assertEquals(BooleanValue.TRUE, t.call("base64.is_valid", s("aGVs\nbG8=")));
  }

  @Test
  void base64DecodeOfInvalidUtf8GivesReplacementCharacters() {
    // 0xff 0xfe: neither byte starts a UTF-8 sequence, so each becomes U+FFFD.
    assertEquals("\uFFFD\uFFFD", t.callString("base64.decode", "//4="));
    // A valid character next to a truncated sequence keeps its text.
    // bytes: 'a', 0xE2, 0x82 (truncated euro sign), 'b'
    assertEquals("a\uFFFD\uFFFDb", t.callString("base64.decode", "YeKCYg=="));
  }

  @Test
  void base64IsValidIsFalseForNonStrings() {
    assertEquals(BooleanValue.FALSE, t.call("base64.is_valid", NumberValue.of(1)));
  }

  @Test
  void base64TypeErrors() {
    assertEquals("operand 1 must be string but got number",
        t.typeError("base64.encode", NumberValue.of(1)).getMessage());
    t.typeError("base64.decode", SetValue.EMPTY);
  }

  // --- base64url (conformance: base64urlbuiltins) ---

  @Test
  void base64UrlConformance() {
    assertEquals("aGVsbG8=", t.callString("base64url.encode", "hello"));
    assertEquals("dGhlcmU=", t.callString("base64url.encode", "there"));
    assertEquals("hello", t.callString("base64url.decode", "aGVsbG8="));
    assertEquals("hello", t.callString("base64url.decode", "aGVsbG8"));
  }

  @Test
  void base64UrlUsesTheUrlAlphabet() {
    assertEquals("c3ViamVjdHM_X2Q=", t.callString("base64url.encode", "subjects?_d"));
    assertEquals("c3ViamVjdHM_X2Q", t.callString("base64url.encode_no_pad", "subjects?_d"));
    assertEquals("aGVsbG8", t.callString("base64url.encode_no_pad", "hello"));
    assertEquals("subjects?_d", t.callString("base64url.decode", "c3ViamVjdHM_X2Q"));
    assertEquals("illegal base64 data at input byte 11",
        t.builtinError("base64url.decode", s("c3ViamVjdHM/X2Q=")).getMessage());
  }

  @Test
  void base64UrlDecodeRejectsImpossibleLengths() {
    assertEquals("illegal base64url string: aGVsb",
        t.builtinError("base64url.decode", s("aGVsb")).getMessage());
    // With trailing padding the string is decoded strictly, without re-padding.
    assertEquals("illegal base64 data at input byte 7",
        t.builtinError("base64url.decode", s("aGVsbG=")).getMessage());
  }

  // --- hex (conformance: hexbuiltins) ---

  @Test
  void hexConformance() {
    assertEquals("6c6f72656d20697073756d", t.callString("hex.encode", "lorem ipsum"));
    assertEquals("lorem ipsum", t.callString("hex.decode", "6c6f72656d20697073756d"));
  }

  @Test
  void hexDecodeAcceptsUpperCaseAndRejectsBadBytesAsGo() {
    assertEquals("\u00e9", t.callString("hex.decode", "C3A9"));
    assertEquals("c3a9", t.callString("hex.encode", "é"));
    assertEquals("encoding/hex: invalid byte: U+0067 'g'", t.builtinError("hex.decode", s("6g")).getMessage());
    assertEquals("encoding/hex: odd length hex string", t.builtinError("hex.decode", s("abc")).getMessage());
    // An invalid byte is reported before the odd length.
    assertEquals("encoding/hex: invalid byte: U+007A 'z'", t.builtinError("hex.decode", s("abz")).getMessage());
    // A non-printable byte is named without its glyph.
    assertEquals("encoding/hex: invalid byte: U+000A", t.builtinError("hex.decode", s("a\n")).getMessage());
    // A non-ASCII character is named by the first byte of its UTF-8 form, as Go does.
    assertEquals("encoding/hex: invalid byte: U+00C3 '\u00c3'", t.builtinError("hex.decode", s("é0")).getMessage());
  }

  @Test
  void hexDecodeOfInvalidUtf8GivesReplacementCharacters() {
    assertEquals("\uFFFDA", t.callString("hex.decode", "ff41"));
    // An encoded surrogate (ED A0 80) is not valid UTF-8: three replacements, as Go iterates it.
    assertEquals("\uFFFD\uFFFD\uFFFD", t.callString("hex.decode", "eda080"));
    // Overlong encoding of '/'.
    assertEquals("\uFFFD\uFFFD", t.callString("hex.decode", "c0af"));
  }

  // --- urlquery (conformance: urlbuiltins) ---

  @Test
  void urlQueryConformance() {
    assertEquals("a%3Db%2B1", t.callString("urlquery.encode", "a=b+1"));
    assertEquals("", t.callString("urlquery.encode", ""));
    assertEquals(s(""), t.callJson("urlquery.encode_object", "{}"));
    assertEquals(s("a=b&c=d"), t.callJson("urlquery.encode_object", "{\"a\": \"b\", \"c\": \"d\"}"));
    assertEquals(s("a=c%3Db%2B1"), t.callJson("urlquery.encode_object", "{\"a\": \"c=b+1\"}"));
    assertEquals(s("a=b%2B1&a=c%2B2"), t.callJson("urlquery.encode_object", "{\"a\": [\"b+1\", \"c+2\"]}"));
    assertEquals(j("{\"a\": [\"value_a1\", \"value_a2\"], \"b\": [\"value_b\"]}"),
        t.call("urlquery.decode_object", s("a=value_a1&b=value_b&a=value_a2")));
    assertEquals(j("{\"a\": [\"value_a1\"], \"b\": [\"\"]}"), t.call("urlquery.decode_object", s("a=value_a1&b")));
    assertEquals(j("{}"), t.call("urlquery.decode_object", s("")));
  }

  @Test
  void urlQueryEncodeFollowsGoQueryEscape() {
    assertEquals("a+b", t.callString("urlquery.encode", "a b"));
    assertEquals("-_.~", t.callString("urlquery.encode", "-_.~"));
    assertEquals("%2A%21%27%28%29", t.callString("urlquery.encode", "*!'()"));
    assertEquals("%C3%A9%2F%3F", t.callString("urlquery.encode", "é/?"));
  }

  @Test
  void urlQueryDecode() {
    assertEquals("a b+c", t.callString("urlquery.decode", "a+b%2Bc"));
    assertEquals("é", t.callString("urlquery.decode", "%c3%A9"));
    assertEquals("invalid URL escape \"%zz\"", t.builtinError("urlquery.decode", s("a%zzb")).getMessage());
    assertEquals("invalid URL escape \"%4\"", t.builtinError("urlquery.decode", s("a%4")).getMessage());
    assertEquals("invalid URL escape \"%\"", t.builtinError("urlquery.decode", s("%")).getMessage());
    // Decoded bytes that are not UTF-8 become replacement characters.
    assertEquals("\uFFFDx", t.callString("urlquery.decode", "%FFx"));
  }

  @Test
  void encodeObjectSortsKeysAndAcceptsSets() {
    Value o = j("{\"z\": \"1\", \"a b\": [\"x y\"], \"m\": []}");
    assertEquals(s("a+b=x+y&z=1"), t.call("urlquery.encode_object", o));
    Value withSet = dev.mandate.rego.value.ObjectValue.of("k", SetValue.of(s("b"), s("a")));
    assertEquals(s("k=a&k=b"), t.call("urlquery.encode_object", withSet));
  }

  @Test
  void encodeObjectRejectsOtherValues() {
    assertEquals("operand 1 values must be string, array[string], or set[string]",
        t.typeError("urlquery.encode_object", j("{\"a\": 1}")).getMessage());
    t.typeError("urlquery.encode_object", j("{\"a\": [1]}"));
    assertEquals("operand 1 must be object but got array",
        t.typeError("urlquery.encode_object", j("[]")).getMessage());
  }

  @Test
  void decodeObjectKeepsValueOrderAndRefusesSemicolons() {
    assertEquals(j("{\"a\": [\"2\", \"1\"], \"\": [\"x\"]}"), t.call("urlquery.decode_object", s("a=2&&a=1&=x")));
    assertEquals(j("{\"a b\": [\"c=d\"]}"), t.call("urlquery.decode_object", s("a+b=c=d")));
    assertEquals("invalid semicolon separator in query",
        t.builtinError("urlquery.decode_object", s("a=1;b=2")).getMessage());
    assertEquals("invalid URL escape \"%G1\"",
        t.builtinError("urlquery.decode_object", s("a=%G1")).getMessage());
  }
}
