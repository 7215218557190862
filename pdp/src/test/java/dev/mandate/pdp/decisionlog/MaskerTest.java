package dev.mandate.pdp.decisionlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskerTest {
  static final String JWT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.sig-bytes_x";
  static final String JWE = "eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d";

  private static Masker.Masked mask(List<String> erase, String input, String result) {
    return new Masker(erase).apply(input == null ? null : Json.parse(input),
        result == null ? null : Json.parse(result));
  }

  @Test
  void compactJoseStringsAreMaskedAnywhere() {
    Masker.Masked m = mask(List.of(), "{\"a\": [\"" + JWT + "\", \"" + JWE + "\"]}", null);
    assertEquals(Json.parse("{\"a\": [\"**REDACTED**\", \"**REDACTED**\"]}"), m.input());
    assertEquals(List.of("/input/a/0", "/input/a/1"), m.masked());
  }

  @Test
  void theQuickPreCheckAgreesWithThePatternAtItsEdges() {
    assertTrue(Masker.looksLikeCompactJose("eyABCDEFGHIJ.."));     // shortest match: 14 chars
    assertFalse(Masker.looksLikeCompactJose("eyABCDEFGHI.."));     // 13 chars
    assertFalse(Masker.looksLikeCompactJose("xeyABCDEFGHIJ.a.b")); // must start with ey
    assertTrue(Masker.looksLikeCompactJose(JWT));
    assertTrue(Masker.looksLikeCompactJose(JWE));
    assertFalse(Masker.looksLikeCompactJose("eyABCDEFGHIJKLMNOP")); // no dots
  }

  @Test
  void dottedNamesThatAreNotTokensStay() {
    String in = "{\"aud\": \"api.example.com\", \"v\": \"1.2.3\", \"q\": \"data.mandate.x\"}";
    Masker.Masked m = mask(List.of(), in, null);
    assertEquals(Json.parse(in), m.input());
    assertTrue(m.masked().isEmpty());
  }

  @Test
  void sensitiveMemberNamesAreMasked() {
    Masker.Masked m = mask(List.of(), """
        {"client_secret": "s", "Password": "p", "refresh_token": "opaque", "client_assertion": "x",
         "secrets": ["a", "b"], "pin_secret": 1234,
         "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
         "subject_token": {"sub": "alice", "aud": "api"}}""", null);
    assertEquals(Json.parse("""
        {"client_secret": "**REDACTED**", "Password": "**REDACTED**",
         "refresh_token": "**REDACTED**", "client_assertion": "**REDACTED**",
         "secrets": ["**REDACTED**", "**REDACTED**"], "pin_secret": "**REDACTED**",
         "subject_token_type": "urn:ietf:params:oauth:token-type:jwt",
         "subject_token": {"sub": "alice", "aud": "api"}}"""), m.input());
  }

  @Test
  void configuredPointersAreErasedAsOpaDoes() {
    Masker.Masked m = mask(List.of("/input/user/ssn", "/input/missing", "/result/grant/claims",
        "/input/list/1", "/input/a~1b"),
        "{\"user\": {\"ssn\": \"1\", \"name\": \"n\"}, \"list\": [0, 1, 2], \"a/b\": 1}",
        "{\"grant\": {\"claims\": {\"x\": 1}, \"aud\": \"api\"}}");
    assertEquals(Json.parse("{\"user\": {\"name\": \"n\"}, \"list\": [0, 2]}"), m.input());
    assertEquals(Json.parse("{\"grant\": {\"aud\": \"api\"}}"), m.result());
    // The input's pointers first, then the result's, each in the order configured.
    assertEquals(List.of("/input/user/ssn", "/input/list/1", "/input/a~1b",
        "/result/grant/claims"), m.erased());
  }

  @Test
  void erasingTheWholeInput() {
    Masker.Masked m = mask(List.of("/input"), "{\"a\": 1}", "true");
    assertNull(m.input());
    assertEquals(List.of("/input"), m.erased());
  }

  @Test
  void untouchedValuesAreNotCopied() {
    Value in = Json.parse("{\"a\": {\"b\": [1, 2]}}");
    assertSame(in, new Masker(List.of()).apply(in, null).input());
  }

  @Test
  void memberNameRules() {
    assertTrue(Masker.isSensitiveName("access_token"));
    assertTrue(Masker.isSensitiveName("X-Api-Secret"));
    assertTrue(Masker.isSensitiveName("myPassWord"));
    assertTrue(Masker.isSensitiveName("TOKEN"));
    assertTrue(Masker.isSensitiveName("client_assertion"));
    assertTrue(Masker.isSensitiveName("\u017fecret"), "case folding as String.regionMatches does");
    assertFalse(Masker.isSensitiveName("tok"));
    assertFalse(Masker.isSensitiveName("requested_token_type"));
    assertFalse(Masker.isSensitiveName("audience"));
  }

  @Test
  void namesSharingACacheSlotKeepTheirOwnVerdicts() {
    // A harmless name whose hash lands in the same slot of the masker's verdict cache as a
    // sensitive one: each must be judged as itself, in either order, on every event.
    String secret = "access_token";
    String plain = null;
    for (int i = 0; plain == null; i++) {
      String candidate = "claim" + i;
      if ((candidate.hashCode() & 0xFF) == (secret.hashCode() & 0xFF)) {
        plain = candidate;
      }
    }
    Masker masker = new Masker(List.of());
    Value in = Json.parse("{\"" + secret + "\": \"t\", \"" + plain + "\": \"v\"}");
    for (int round = 0; round < 3; round++) {
      Masker.Masked m = masker.apply(in, null);
      assertEquals(Json.parse("{\"" + secret + "\": \"**REDACTED**\", \"" + plain + "\": \"v\"}"),
          m.input());
      assertEquals(List.of("/input/" + secret), m.masked());
    }
  }

  @Test
  void theNameTestOnBytesAgreesWithTheOneOnStrings() {
    String[] parts = {"Tok", "en", "tOKEN", "SECRET", "sec", "ret", "_type", "_TYPE", "type",
        "assertion", "ASSERTION", "pass", "word", "Password", "x", "_", "-", "@", "`", "s"};
    java.util.Random r = new java.util.Random(7519);
    int sensitive = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder name = new StringBuilder();
      for (int n = r.nextInt(5); n > 0; n--) {
        name.append(parts[r.nextInt(parts.length)]);
      }
      String s = name.toString();
      byte[] padded = ("\"" + s + "\"").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      boolean expected = Masker.isSensitiveName(s);
      assertEquals(expected, Masker.isSensitiveName(padded, 1, padded.length - 1), s);
      sensitive += expected ? 1 : 0;
    }
    assertTrue(sensitive > 2_000 && sensitive < 18_000, "both outcomes are exercised: " + sensitive);
  }
}
