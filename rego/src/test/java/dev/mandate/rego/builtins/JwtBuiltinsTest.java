package dev.mandate.rego.builtins;

import static dev.mandate.rego.builtins.JwtTestKeys.b64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import dev.mandate.rego.EvalException;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JwtBuiltinsTest {
  /** 2023-11-14T22:13:20Z, in seconds and nanoseconds. */
  private static final long NOW_S = 1_700_000_000L;
  private static final long NOW_NS = NOW_S * 1_000_000_000L;
  private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!!";
  private static final String CLAIMS = "{\"sub\":\"alice\",\"iss\":\"https://issuer.example\",\"exp\":"
      + (NOW_S + 3600) + ",\"nbf\":" + (NOW_S - 60) + "}";

  private final BuiltinRegistry registry = new BuiltinRegistry();
  private final BuiltinContext ctx = new TestBuiltinContext(NOW_NS);

  JwtBuiltinsTest() {
    JwtBuiltins.register(registry);
  }

  // ---- helpers ---------------------------------------------------------------------------

  private Value call(String name, Value... args) {
    Builtin b = registry.lookup(name);
    assertNotNull(b, name + " is not registered");
    assertEquals(args.length, b.arity(), name + " arity");
    return b.function().call(ctx, args);
  }

  private BuiltinException error(String name, Value... args) {
    return assertThrows(BuiltinException.class, () -> call(name, args));
  }

  private static StringValue s(String v) {
    return StringValue.of(v);
  }

  private static ObjectValue obj(String json) {
    return (ObjectValue) Json.parse(json);
  }

  private boolean verify(String name, String token, String key) {
    return ((BooleanValue) call(name, s(token), s(key))).value();
  }

  private ArrayValue decodeVerify(String token, String constraintsJson) {
    return (ArrayValue) call("io.jwt.decode_verify", s(token), obj(constraintsJson));
  }

  private static String constraints(String field, String value, String extra) {
    return "{" + Json.quote(field) + ":" + Json.quote(value) + extra + "}";
  }

  private static boolean valid(ArrayValue result) {
    return result.get(0).equals(BooleanValue.TRUE);
  }

  private static void assertUnverified(ArrayValue result) {
    assertEquals(ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY), result);
  }

  private static String rsaPem() {
    return JwtTestKeys.pem(JwtTestKeys.rsaPublic(JwtTestKeys.RSA));
  }

  private static String hs256(String secret, String claims) {
    return JwtTestKeys.hmacToken(JWSAlgorithm.HS256, secret, claims);
  }

  // ---- registration ----------------------------------------------------------------------

  @Test
  void registersEveryIoJwtBuiltinWithOpaArity() {
    Set<String> expected = Set.of("io.jwt.decode", "io.jwt.decode_verify", "io.jwt.encode_sign",
        "io.jwt.encode_sign_raw", "io.jwt.verify_rs256", "io.jwt.verify_rs384", "io.jwt.verify_rs512",
        "io.jwt.verify_ps256", "io.jwt.verify_ps384", "io.jwt.verify_ps512", "io.jwt.verify_es256",
        "io.jwt.verify_es384", "io.jwt.verify_es512", "io.jwt.verify_hs256", "io.jwt.verify_hs384",
        "io.jwt.verify_hs512", "io.jwt.verify_eddsa");
    assertEquals(expected, registry.names());
    assertEquals(1, registry.lookup("io.jwt.decode").arity());
    assertEquals(3, registry.lookup("io.jwt.encode_sign").arity());
  }

  // ---- io.jwt.decode ---------------------------------------------------------------------

  @Test
  void decodeReturnsHeaderPayloadAndHexSignature() {
    String token = hs256(SECRET, CLAIMS);
    ArrayValue r = (ArrayValue) call("io.jwt.decode", s(token));
    assertEquals(obj("{\"alg\":\"HS256\"}"), r.get(0));
    assertEquals(obj(CLAIMS), r.get(1));
    byte[] sig = Base64.getUrlDecoder().decode(token.split("\\.")[2]);
    assertEquals(s(java.util.HexFormat.of().formatHex(sig)), r.get(2));
  }

  @Test
  void decodeOfKnownTokenGivesOpaDocumentedResult() {
    // The HS256 example token from jwt.io / RFC 7519 tutorials, independent of our encoder.
    String token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
        + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
    ArrayValue r = (ArrayValue) call("io.jwt.decode", s(token));
    assertEquals(obj("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"), r.get(0));
    assertEquals(obj("{\"sub\":\"1234567890\",\"name\":\"John Doe\",\"iat\":1516239022}"), r.get(1));
    assertEquals(s("49f94ac7044948c78a285d904f87f0a4c7897f7e8f3a4eb2255fda750b2cc397"), r.get(2));
    assertTrue(verify("io.jwt.verify_hs256", token, "your-256-bit-secret"));
  }

  @Test
  void decodeWithoutPeriodsIsAnError() {
    assertEquals("encoded JWT had no period separators", error("io.jwt.decode", s("abc")).getMessage());
  }

  @Test
  void decodeWithWrongNumberOfSectionsIsAnError() {
    assertEquals("encoded JWT must have 3 sections, found 2", error("io.jwt.decode", s("a.b")).getMessage());
    assertEquals("encoded JWT must have 3 sections, found 4", error("io.jwt.decode", s("a.b.c.d")).getMessage());
  }

  @Test
  void decodeOfNonStringIsATypeError() {
    BuiltinException e = error("io.jwt.decode", NumberValue.of(1));
    assertEquals(EvalException.TYPE, e.code());
    assertEquals("operand 1 must be string but got number", e.getMessage());
  }

  @Test
  void malformedBase64HeaderIsAnError() {
    String[] parts = hs256(SECRET, CLAIMS).split("\\.");
    BuiltinException e = error("io.jwt.decode", s("ey!J." + parts[1] + "." + parts[2]));
    assertTrue(e.getMessage().startsWith("JWT header had invalid encoding: illegal base64 data at input byte 2"),
        e.getMessage());
  }

  @Test
  void headerWithImpossibleLengthIsAnError() {
    String[] parts = hs256(SECRET, CLAIMS).split("\\.");
    BuiltinException e = error("io.jwt.decode", s("abcde." + parts[1] + "." + parts[2]));
    assertEquals("JWT header had invalid encoding: illegal base64url string: abcde", e.getMessage());
  }

  @Test
  void malformedBase64PayloadIsAnError() {
    String[] parts = hs256(SECRET, CLAIMS).split("\\.");
    BuiltinException e = error("io.jwt.decode", s(parts[0] + ".e*30." + parts[2]));
    assertTrue(e.getMessage().startsWith("JWT payload had invalid encoding: "), e.getMessage());
  }

  @Test
  void malformedBase64SignatureIsAnError() {
    String[] parts = hs256(SECRET, CLAIMS).split("\\.");
    String token = parts[0] + "." + parts[1] + ".%%%%";
    assertTrue(error("io.jwt.decode", s(token)).getMessage().startsWith("JWT signature had invalid encoding: "));
    assertTrue(error("io.jwt.verify_hs256", s(token), s(SECRET)).getMessage().startsWith("illegal base64 data"));
    assertThrows(BuiltinException.class, () -> decodeVerify(token, constraints("secret", SECRET, "")));
  }

  @Test
  void headerThatIsNotAnObjectIsAnError() {
    String token = b64("[1,2]") + "." + b64("{}") + ".";
    assertEquals("bad JWT header: decoded JSON type was not an Object", error("io.jwt.decode", s(token)).getMessage());
  }

  @Test
  void payloadThatIsNotJsonIsAnError() {
    String token = b64("{\"alg\":\"HS256\"}") + "." + b64("not json") + ".";
    assertTrue(error("io.jwt.decode", s(token)).getMessage().startsWith("invalid JSON: "));
  }

  @Test
  void jweTokensAreRefused() {
    String token = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + "." + b64("{}") + ".";
    assertEquals("JWT is a JWE object, which is not supported", error("io.jwt.decode", s(token)).getMessage());
  }

  @Test
  void nestedTokenWithCtyJwtIsUnwrapped() {
    String inner = hs256(SECRET, "{\"sub\":\"inner\"}");
    String outer = b64("{\"alg\":\"HS256\",\"cty\":\"JWT\"}") + "." + b64("\"" + inner + "\"") + ".c2ln";
    ArrayValue r = (ArrayValue) call("io.jwt.decode", s(outer));
    assertEquals(obj("{\"sub\":\"inner\"}"), r.get(1));
    assertEquals(obj("{\"alg\":\"HS256\"}"), r.get(0));
  }

  @Test
  void oversizeTokenIsRefused() {
    String big = "a".repeat(CompactJwt.MAX_TOKEN_LENGTH) + ".b.c";
    BuiltinException e = error("io.jwt.decode", s(big));
    assertTrue(e.getMessage().contains("exceeds the maximum size"), e.getMessage());
    assertTrue(error("io.jwt.verify_hs256", s(big), s(SECRET)).getMessage().contains("maximum size"));
    assertThrows(BuiltinException.class, () -> decodeVerify(big, constraints("secret", SECRET, "")));
  }

  @Test
  void jsonBombInClaimsIsAnErrorNotACrash() {
    String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
    String token = b64("{\"alg\":\"HS256\"}") + "." + b64(deep) + ".";
    BuiltinException e = error("io.jwt.decode", s(token));
    assertTrue(e.getMessage().startsWith("invalid JSON: "), e.getMessage());
  }

  @Test
  void jsonBombInSignedClaimsFailsDecodeVerifyWithAnError() {
    String deep = "[".repeat(50_000) + "]".repeat(50_000);
    String token = hs256(SECRET, "{\"x\":" + deep + "}");
    BuiltinException e = assertThrows(BuiltinException.class, () -> decodeVerify(token, constraints("secret", SECRET, "")));
    assertTrue(e.getMessage().startsWith("invalid JSON: "), e.getMessage());
  }

  @Test
  void moderatelyNestedClaimsDecode() {
    String nested = "[".repeat(200) + "1" + "]".repeat(200);
    String token = hs256(SECRET, "{\"x\":" + nested + "}");
    ArrayValue r = (ArrayValue) call("io.jwt.decode", s(token));
    assertTrue(((ObjectValue) r.get(1)).get("x") instanceof ArrayValue);
  }

  // ---- verify_*: positive, per algorithm family -----------------------------------------

  @Test
  void verifiesRsaPkcs1TokensWithPemPublicKey() {
    String pem = rsaPem();
    assertTrue(verify("io.jwt.verify_rs256", JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS), pem));
    assertTrue(verify("io.jwt.verify_rs384", JwtTestKeys.rsaToken(JWSAlgorithm.RS384, JwtTestKeys.RSA, CLAIMS), pem));
    assertTrue(verify("io.jwt.verify_rs512", JwtTestKeys.rsaToken(JWSAlgorithm.RS512, JwtTestKeys.RSA, CLAIMS), pem));
  }

  @Test
  void verifiesRsaPssTokensWithJwk() {
    String jwk = JwtTestKeys.RSA.toPublicJWK().toJSONString();
    assertTrue(verify("io.jwt.verify_ps256", JwtTestKeys.rsaToken(JWSAlgorithm.PS256, JwtTestKeys.RSA, CLAIMS), jwk));
    assertTrue(verify("io.jwt.verify_ps384", JwtTestKeys.rsaToken(JWSAlgorithm.PS384, JwtTestKeys.RSA, CLAIMS), jwk));
    assertTrue(verify("io.jwt.verify_ps512", JwtTestKeys.rsaToken(JWSAlgorithm.PS512, JwtTestKeys.RSA, CLAIMS), jwk));
  }

  @Test
  void verifiesEcdsaTokensOnEachCurve() {
    assertTrue(verify("io.jwt.verify_es256", JwtTestKeys.ecToken(JWSAlgorithm.ES256, JwtTestKeys.EC256, CLAIMS),
        JwtTestKeys.pem(JwtTestKeys.ecPublic(JwtTestKeys.EC256))));
    assertTrue(verify("io.jwt.verify_es384", JwtTestKeys.ecToken(JWSAlgorithm.ES384, JwtTestKeys.EC384, CLAIMS),
        JwtTestKeys.EC384.toPublicJWK().toJSONString()));
    assertTrue(verify("io.jwt.verify_es512", JwtTestKeys.ecToken(JWSAlgorithm.ES512, JwtTestKeys.EC521, CLAIMS),
        JwtTestKeys.pem(JwtTestKeys.ecPublic(JwtTestKeys.EC521))));
  }

  @Test
  void verifiesEd25519TokensWithPemAndJwk() {
    String token = JwtTestKeys.ed25519Token("{\"alg\":\"EdDSA\"}", CLAIMS, JwtTestKeys.ED25519.getPrivate());
    assertTrue(verify("io.jwt.verify_eddsa", token, JwtTestKeys.pem(JwtTestKeys.ED25519.getPublic())));
    assertTrue(verify("io.jwt.verify_eddsa", token, JwtTestKeys.ED25519_JWK.toPublicJWK().toJSONString()));
  }

  @Test
  void verifiesHmacTokensForEachHash() {
    assertTrue(verify("io.jwt.verify_hs256", JwtTestKeys.hmacToken(JWSAlgorithm.HS256, SECRET, CLAIMS), SECRET));
    String long64 = SECRET + SECRET;
    assertTrue(verify("io.jwt.verify_hs384", JwtTestKeys.hmacToken(JWSAlgorithm.HS384, long64, CLAIMS), long64));
    assertTrue(verify("io.jwt.verify_hs512", JwtTestKeys.hmacToken(JWSAlgorithm.HS512, long64, CLAIMS), long64));
  }

  @Test
  void verifiesWithCertificate() {
    String token = JwtTestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), CLAIMS,
        new com.nimbusds.jose.crypto.RSASSASigner(JwtTestKeys.pkcs8(CryptoFixtures.RSA_KEY_PKCS8, "RSA")));
    assertTrue(verify("io.jwt.verify_rs256", token, CryptoFixtures.RSA_CERT));
    assertFalse(verify("io.jwt.verify_rs256", token, CryptoFixtures.EC_CERT));
  }

  // ---- verify_*: negative -----------------------------------------------------------------

  @Test
  void verifiesPssSignatureWithMaximumSaltLengthAsGoDoes() throws Exception {
    // Go's rsa.SignPSS defaults to the longest salt; OPA's verify_ps256 accepts it.
    String input = b64("{\"alg\":\"PS256\"}") + "." + b64(CLAIMS);
    java.security.Signature signer = java.security.Signature.getInstance("RSASSA-PSS");
    int emLen = (((java.security.interfaces.RSAKey) JwtTestKeys.rsaPublic(JwtTestKeys.RSA)).getModulus().bitLength() + 6) / 8;
    signer.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
        java.security.spec.MGF1ParameterSpec.SHA256, emLen - 32 - 2, 1));
    signer.initSign(JwtTestKeys.RSA.toRSAPrivateKey());
    signer.update(input.getBytes(StandardCharsets.US_ASCII));
    String token = input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
    assertTrue(verify("io.jwt.verify_ps256", token, rsaPem()));
    assertFalse(verify("io.jwt.verify_ps384", token, rsaPem()));
  }

  @Test
  void wrongKeyDoesNotVerify() {
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    assertFalse(verify("io.jwt.verify_rs256", token, JwtTestKeys.pem(JwtTestKeys.rsaPublic(JwtTestKeys.RSA_OTHER))));
    assertFalse(verify("io.jwt.verify_hs256", hs256(SECRET, CLAIMS), SECRET + "x"));
  }

  @Test
  void wrongAlgorithmFunctionDoesNotVerify() {
    String rs256 = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    assertFalse(verify("io.jwt.verify_rs512", rs256, rsaPem()));
    assertFalse(verify("io.jwt.verify_ps256", rs256, rsaPem()));
    assertFalse(verify("io.jwt.verify_es256", rs256, rsaPem()));
  }

  @Test
  void tamperedPayloadDoesNotVerify() {
    String[] parts = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS).split("\\.");
    String tampered = parts[0] + "." + b64(CLAIMS.replace("alice", "admin")) + "." + parts[2];
    assertFalse(verify("io.jwt.verify_rs256", tampered, rsaPem()));
    assertUnverified(decodeVerify(tampered, constraints("cert", rsaPem(), "")));
    String[] h = hs256(SECRET, CLAIMS).split("\\.");
    String tamperedHs = h[0] + "." + b64(CLAIMS.replace("alice", "admin")) + "." + h[2];
    assertFalse(verify("io.jwt.verify_hs256", tamperedHs, SECRET));
    assertUnverified(decodeVerify(tamperedHs, constraints("secret", SECRET, "")));
  }

  @Test
  void tamperedSignatureDoesNotVerify() {
    String token = JwtTestKeys.ecToken(JWSAlgorithm.ES256, JwtTestKeys.EC256, CLAIMS);
    byte[] sig = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
    sig[5] ^= 1;
    String bad = token.substring(0, token.lastIndexOf('.') + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
    assertFalse(verify("io.jwt.verify_es256", bad, JwtTestKeys.EC256.toPublicJWK().toJSONString()));
  }

  @Test
  void algNoneNeverVerifies() {
    String none = b64("{\"alg\":\"none\"}") + "." + b64(CLAIMS) + ".";
    assertFalse(verify("io.jwt.verify_hs256", none, SECRET));
    assertFalse(verify("io.jwt.verify_hs256", none, ""));
    assertFalse(verify("io.jwt.verify_rs256", none, rsaPem()));
    assertFalse(verify("io.jwt.verify_es256", none, JwtTestKeys.EC256.toPublicJWK().toJSONString()));
    assertFalse(verify("io.jwt.verify_eddsa", none, JwtTestKeys.pem(JwtTestKeys.ED25519.getPublic())));
    assertUnverified(decodeVerify(none, constraints("secret", SECRET, "")));
    assertUnverified(decodeVerify(none, constraints("cert", rsaPem(), "")));
    assertUnverified(decodeVerify(none, constraints("secret", SECRET, ",\"alg\":\"none\"")));
  }

  @Test
  void algNoneWithAForgedSignatureSegmentNeverVerifies() {
    String none = b64("{\"alg\":\"none\"}") + "." + b64(CLAIMS) + "." + b64("forged");
    assertUnverified(decodeVerify(none, constraints("secret", SECRET, "")));
    assertUnverified(decodeVerify(none, constraints("cert", JwtTestKeys.RSA.toPublicJWK().toJSONString(), "")));
  }

  @Test
  void hs256TokenSignedWithThePublicKeyPemDoesNotVerifyAsRsa() {
    // The classic key-confusion attack: the attacker HMACs with the public key's text.
    String pem = rsaPem();
    String forged = hs256(pem, CLAIMS);
    assertTrue(verify("io.jwt.verify_hs256", forged, pem), "the forged token is a genuine HMAC under the PEM text");
    assertFalse(verify("io.jwt.verify_rs256", forged, pem));
    assertUnverified(decodeVerify(forged, constraints("cert", pem, "")));
    assertUnverified(decodeVerify(forged, constraints("cert", JwtTestKeys.RSA.toPublicJWK().toJSONString(), "")));
  }

  @Test
  void hs256TokenSignedWithTheCertificatePemDoesNotVerifyWithTheCertificate() {
    String forged = hs256(CryptoFixtures.RSA_CERT, CLAIMS);
    assertFalse(verify("io.jwt.verify_rs256", forged, CryptoFixtures.RSA_CERT));
    assertUnverified(decodeVerify(forged, constraints("cert", CryptoFixtures.RSA_CERT, "")));
  }

  @Test
  void privateJwkIsNotAcceptedBySingleAlgorithmVerify() {
    // OPA's verify_* type-asserts a public key, so a private JWK yields false; decode_verify
    // verifies with its public half.
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    String privateJwk = JwtTestKeys.RSA.toJSONString();
    assertFalse(verify("io.jwt.verify_rs256", token, privateJwk));
    assertTrue(valid(decodeVerify(token, constraints("cert", privateJwk, ""))));
  }

  @Test
  void symmetricJwkDoesNotVerifyAsymmetricAlgorithms() {
    String octJwk = "{\"kty\":\"oct\",\"k\":\"" + b64(SECRET) + "\"}";
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    assertFalse(verify("io.jwt.verify_rs256", token, octJwk));
  }

  // ---- JWKS handling ------------------------------------------------------------------------

  private static String jwks(com.nimbusds.jose.jwk.JWK... keys) {
    return new JWKSet(List.of(keys)).toString(true);
  }

  @Test
  void jwksKeyIsChosenByKid() {
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    String set = jwks(JwtTestKeys.RSA_OTHER.toPublicJWK(), JwtTestKeys.RSA.toPublicJWK());
    assertTrue(verify("io.jwt.verify_rs256", token, set));
    assertTrue(valid(decodeVerify(token, constraints("cert", set, ""))));
  }

  @Test
  void kidMatchingTheWrongKeyDoesNotFallBack() {
    // The header names rsa-2, so only rsa-2 is tried, even though rsa-1 would verify.
    String token = JwtTestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-2").build(), CLAIMS,
        rsaSigner(JwtTestKeys.RSA));
    String set = jwks(JwtTestKeys.RSA_OTHER.toPublicJWK(), JwtTestKeys.RSA.toPublicJWK());
    assertFalse(verify("io.jwt.verify_rs256", token, set));
    assertUnverified(decodeVerify(token, constraints("cert", set, "")));
  }

  @Test
  void unknownKidInJwksDoesNotVerify() {
    String token = JwtTestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown").build(), CLAIMS,
        rsaSigner(JwtTestKeys.RSA));
    String set = jwks(JwtTestKeys.RSA_OTHER.toPublicJWK(), JwtTestKeys.EC256.toPublicJWK());
    assertFalse(verify("io.jwt.verify_rs256", token, set));
    assertUnverified(decodeVerify(token, constraints("cert", set, "")));
  }

  @Test
  void unknownKidFallsBackToTryingEveryKeyAsOpaDoes() {
    String token = JwtTestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("unknown").build(), CLAIMS,
        rsaSigner(JwtTestKeys.RSA));
    String set = jwks(JwtTestKeys.RSA_OTHER.toPublicJWK(), JwtTestKeys.RSA.toPublicJWK());
    assertTrue(verify("io.jwt.verify_rs256", token, set));
  }

  @Test
  void jwksKeyWithDifferentAlgIsSkipped() {
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    String withAlg = JwtTestKeys.RSA.toPublicJWK().toJSONString().replace("{", "{\"alg\":\"PS256\",");
    String noKid = withAlg.replace("\"kid\":\"rsa-1\"", "\"kid\":\"x\"");
    assertFalse(verify("io.jwt.verify_rs256", token, "{\"keys\":[" + noKid + "]}"));
    assertTrue(verify("io.jwt.verify_rs256", token, "{\"keys\":[" + noKid.replace("PS256", "RS256") + "]}"));
  }

  @Test
  void emptyJwksVerifiesNothing() {
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    assertFalse(verify("io.jwt.verify_rs256", token, "{\"keys\":[]}"));
    assertUnverified(decodeVerify(token, constraints("cert", "{\"keys\":[]}", "")));
  }

  // ---- key errors ----------------------------------------------------------------------------

  @Test
  void unparsableKeyIsAnError() {
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    BuiltinException e = error("io.jwt.verify_rs256", s(token), s("not a key"));
    assertTrue(e.getMessage().startsWith("failed to parse a JWK key (set): "), e.getMessage());
    assertThrows(BuiltinException.class, () -> decodeVerify(token, constraints("cert", "not a key", "")));
  }

  @Test
  void privateKeyPemIsAnError() {
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    assertEquals("failed to extract a Key from the PEM certificate",
        error("io.jwt.verify_rs256", s(token), s(CryptoFixtures.RSA_KEY_PKCS1)).getMessage());
  }

  @Test
  void dataAfterPemBlockIsAnError() {
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    assertEquals("extra data after a PEM certificate block",
        error("io.jwt.verify_rs256", s(token), s(rsaPem() + "trailing")).getMessage());
  }

  @Test
  void corruptCertificateIsAnError() {
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    String corrupt = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    assertTrue(error("io.jwt.verify_rs256", s(token), s(corrupt)).getMessage().startsWith("failed to parse a PEM certificate: "));
  }

  @Test
  void nonStringKeyIsATypeError() {
    BuiltinException e = error("io.jwt.verify_rs256", s("a.b.c"), NumberValue.of(1));
    assertEquals(EvalException.TYPE, e.code());
    assertEquals("operand 2 must be string but got number", e.getMessage());
  }

  // ---- io.jwt.decode_verify ----------------------------------------------------------------

  @Test
  void decodeVerifyReturnsHeaderAndPayloadWhenValid() {
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    ArrayValue r = decodeVerify(token, constraints("cert", rsaPem(), ",\"iss\":\"https://issuer.example\",\"alg\":\"RS256\""));
    assertEquals(BooleanValue.TRUE, r.get(0));
    assertEquals(obj("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}"), r.get(1));
    assertEquals(obj(CLAIMS), r.get(2));
  }

  @Test
  void decodeVerifyWithSecret() {
    assertTrue(valid(decodeVerify(hs256(SECRET, CLAIMS), constraints("secret", SECRET, ""))));
    assertUnverified(decodeVerify(hs256(SECRET, CLAIMS), constraints("secret", SECRET + "?", "")));
  }

  @Test
  void decodeVerifyWithSymmetricJwkAsCert() {
    String octJwk = "{\"kty\":\"oct\",\"k\":\"" + b64(SECRET) + "\"}";
    assertTrue(valid(decodeVerify(hs256(SECRET, CLAIMS), constraints("cert", octJwk, ""))));
  }

  @Test
  void decodeVerifyEveryAsymmetricFamily() {
    assertTrue(valid(decodeVerify(JwtTestKeys.rsaToken(JWSAlgorithm.PS384, JwtTestKeys.RSA, CLAIMS),
        constraints("cert", rsaPem(), ""))));
    assertTrue(valid(decodeVerify(JwtTestKeys.ecToken(JWSAlgorithm.ES512, JwtTestKeys.EC521, CLAIMS),
        constraints("cert", JwtTestKeys.EC521.toPublicJWK().toJSONString(), ""))));
    String ed = JwtTestKeys.ed25519Token("{\"alg\":\"EdDSA\"}", CLAIMS, JwtTestKeys.ED25519.getPrivate());
    assertTrue(valid(decodeVerify(ed, constraints("cert", JwtTestKeys.pem(JwtTestKeys.ED25519.getPublic()), ""))));
  }

  @Test
  void expiredTokenIsUnverified() {
    String token = hs256(SECRET, "{\"exp\":" + (NOW_S - 1) + "}");
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, "")));
  }

  @Test
  void tokenExpiringExactlyNowIsUnverified() {
    String token = hs256(SECRET, "{\"exp\":" + NOW_S + "}");
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, "")));
    assertTrue(valid(decodeVerify(hs256(SECRET, "{\"exp\":" + (NOW_S + 1) + "}"), constraints("secret", SECRET, ""))));
  }

  @Test
  void notYetValidTokenIsUnverified() {
    String token = hs256(SECRET, "{\"nbf\":" + (NOW_S + 60) + "}");
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, "")));
    assertTrue(valid(decodeVerify(hs256(SECRET, "{\"nbf\":" + NOW_S + "}"), constraints("secret", SECRET, ""))));
  }

  @Test
  void timeConstraintOverridesTheClock() {
    String token = hs256(SECRET, "{\"exp\":" + (NOW_S - 10) + "}");
    String earlier = ",\"time\":" + (NOW_S - 20) + "000000000";
    assertTrue(valid(decodeVerify(token, constraints("secret", SECRET, earlier))));
  }

  @Test
  void fractionalExpIsComparedExactly() {
    String token = hs256(SECRET, "{\"exp\":" + NOW_S + ".5}");
    assertTrue(valid(decodeVerify(token, constraints("secret", SECRET, ""))));
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, ",\"time\":" + NOW_S + "600000000")));
  }

  @Test
  void wrongIssuerIsUnverified() {
    String token = hs256(SECRET, CLAIMS);
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, ",\"iss\":\"https://evil.example\"")));
  }

  @Test
  void missingIssuerIsUnverifiedWhenRequired() {
    String token = hs256(SECRET, "{\"sub\":\"x\"}");
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, ",\"iss\":\"https://issuer.example\"")));
  }

  @Test
  void wrongAudienceIsUnverified() {
    String token = hs256(SECRET, "{\"aud\":\"api-a\"}");
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, ",\"aud\":\"api-b\"")));
    assertTrue(valid(decodeVerify(token, constraints("secret", SECRET, ",\"aud\":\"api-a\""))));
  }

  @Test
  void audienceArrayMatchesAnyMember() {
    String token = hs256(SECRET, "{\"aud\":[\"api-a\",\"api-b\"]}");
    assertTrue(valid(decodeVerify(token, constraints("secret", SECRET, ",\"aud\":\"api-b\""))));
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, ",\"aud\":\"api-c\"")));
  }

  @Test
  void tokenWithAudienceNeedsAnAudienceConstraint() {
    String token = hs256(SECRET, "{\"aud\":\"api-a\"}");
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, "")));
  }

  @Test
  void audienceConstraintNeedsAnAudienceClaim() {
    String token = hs256(SECRET, "{\"sub\":\"x\"}");
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, ",\"aud\":\"api-a\"")));
  }

  @Test
  void algConstraintMismatchIsUnverified() {
    String token = hs256(SECRET, CLAIMS);
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, ",\"alg\":\"HS512\"")));
  }

  @Test
  void secretConstraintDoesNotVerifyAsymmetricTokens() {
    String token = JwtTestKeys.rsaToken(JWSAlgorithm.RS256, JwtTestKeys.RSA, CLAIMS);
    assertUnverified(decodeVerify(token, constraints("secret", rsaPem(), "")));
  }

  @Test
  void unknownConstraintIsAnError() {
    BuiltinException e = assertThrows(BuiltinException.class,
        () -> decodeVerify(hs256(SECRET, CLAIMS), constraints("secret", SECRET, ",\"sub\":\"x\"")));
    assertEquals("unknown token validation constraint: sub", e.getMessage());
  }

  @Test
  void bothCertAndSecretIsAnError() {
    BuiltinException e = assertThrows(BuiltinException.class,
        () -> decodeVerify(hs256(SECRET, CLAIMS), constraints("secret", SECRET, ",\"cert\":" + Json.quote(rsaPem()))));
    assertEquals("duplicate key constraints", e.getMessage());
  }

  @Test
  void noKeyConstraintIsAnError() {
    BuiltinException e = assertThrows(BuiltinException.class, () -> decodeVerify(hs256(SECRET, CLAIMS), "{\"alg\":\"HS256\"}"));
    assertEquals("no key constraint", e.getMessage());
    e = assertThrows(BuiltinException.class, () -> decodeVerify(hs256(SECRET, CLAIMS), "{\"secret\":\"\"}"));
    assertEquals("no key constraint", e.getMessage());
  }

  @Test
  void badConstraintTypesAreErrors() {
    String token = hs256(SECRET, CLAIMS);
    assertEquals("token time constraint: must be a number",
        assertThrows(BuiltinException.class, () -> decodeVerify(token, constraints("secret", SECRET, ",\"time\":\"now\""))).getMessage());
    assertEquals("token time constraint: must not be negative",
        assertThrows(BuiltinException.class, () -> decodeVerify(token, constraints("secret", SECRET, ",\"time\":-1"))).getMessage());
    assertEquals("iss constraint: must be a string",
        assertThrows(BuiltinException.class, () -> decodeVerify(token, constraints("secret", SECRET, ",\"iss\":1"))).getMessage());
    assertEquals("cert constraint: must be a string",
        assertThrows(BuiltinException.class, () -> decodeVerify(token, "{\"cert\":{}}")).getMessage());
  }

  @Test
  void constraintsMustBeAnObject() {
    BuiltinException e = error("io.jwt.decode_verify", s(hs256(SECRET, CLAIMS)), s("{}"));
    assertEquals(EvalException.TYPE, e.code());
    assertEquals("operand 2 must be object but got string", e.getMessage());
  }

  @Test
  void nonNumericExpIsAnError() {
    String token = hs256(SECRET, "{\"exp\":\"tomorrow\"}");
    BuiltinException e = assertThrows(BuiltinException.class, () -> decodeVerify(token, constraints("secret", SECRET, "")));
    assertEquals("exp value must be a number", e.getMessage());
  }

  @Test
  void missingAlgHeaderIsUnverified() {
    String input = b64("{\"typ\":\"JWT\"}") + "." + b64(CLAIMS);
    String token = input + "." + hmac(input);
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, "")));
  }

  @Test
  void unknownCriticalHeaderIsUnverified() {
    String input = b64("{\"alg\":\"HS256\",\"crit\":[\"exp-x\"],\"exp-x\":1}") + "." + b64(CLAIMS);
    String token = input + "." + hmac(input);
    assertUnverified(decodeVerify(token, constraints("secret", SECRET, "")));
    assertTrue(verify("io.jwt.verify_hs256", token, SECRET));
  }

  @Test
  void nestedTokenIsVerifiedAtEveryLevel() {
    String inner = hs256(SECRET, "{\"sub\":\"inner\"}");
    String outer = JwtTestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).contentType("JWT").build(), inner,
        macSigner(SECRET));
    ArrayValue r = decodeVerify(outer, constraints("secret", SECRET, ""));
    assertTrue(valid(r));
    assertEquals(obj("{\"sub\":\"inner\"}"), r.get(2));
    String badInner = hs256(SECRET + "-other", "{\"sub\":\"inner\"}");
    String outer2 = JwtTestKeys.sign(new JWSHeader.Builder(JWSAlgorithm.HS256).contentType("JWT").build(), badInner,
        macSigner(SECRET));
    assertUnverified(decodeVerify(outer2, constraints("secret", SECRET, "")));
  }

  private static String hmac(String input) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static com.nimbusds.jose.crypto.MACSigner macSigner(String secret) {
    try {
      return new com.nimbusds.jose.crypto.MACSigner(secret);
    } catch (com.nimbusds.jose.KeyLengthException e) {
      throw new IllegalStateException(e);
    }
  }

  private static com.nimbusds.jose.crypto.RSASSASigner rsaSigner(com.nimbusds.jose.jwk.RSAKey key) {
    try {
      return new com.nimbusds.jose.crypto.RSASSASigner(key);
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- io.jwt.encode_sign / encode_sign_raw -------------------------------------------------

  private String encodeSign(String headers, String payload, String jwk) {
    return ((StringValue) call("io.jwt.encode_sign", obj(headers), obj(payload), obj(jwk))).value();
  }

  @Test
  void encodeSignHs256WritesGoJsonAndVerifiesWithNimbus() throws Exception {
    String jwk = "{\"kty\":\"oct\",\"k\":\"" + b64(SECRET) + "\"}";
    String token = encodeSign("{\"typ\":\"JWT\",\"alg\":\"HS256\"}", "{\"sub\":\"a<b>&c\",\"iss\":\"joe\"}", jwk);
    String[] parts = token.split("\\.");
    assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    assertEquals("{\"iss\":\"joe\",\"sub\":\"a\\u003cb\\u003e\\u0026c\"}",
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertTrue(JWSObject.parse(token).verify(new MACVerifier(SECRET.getBytes(StandardCharsets.UTF_8))));
    assertTrue(verify("io.jwt.verify_hs256", token, SECRET));
  }

  @Test
  void encodeSignIsDeterministicForHmac() {
    String jwk = "{\"kty\":\"oct\",\"k\":\"" + b64("secret") + "\"}";
    String a = encodeSign("{\"alg\":\"HS256\"}", "{\"x\":1}", jwk);
    assertEquals(a, encodeSign("{\"alg\":\"HS256\"}", "{\"x\":1}", jwk));
    assertEquals(b64("{\"alg\":\"HS256\"}") + "." + b64("{\"x\":1}"), a.substring(0, a.lastIndexOf('.')));
  }

  @Test
  void encodeSignRsaAndPssVerifyWithNimbus() throws Exception {
    String jwk = JwtTestKeys.RSA.toJSONString();
    for (String alg : List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512")) {
      String token = encodeSign("{\"alg\":\"" + alg + "\"}", "{\"sub\":\"x\"}", jwk);
      assertTrue(JWSObject.parse(token).verify(new RSASSAVerifier(JwtTestKeys.RSA.toPublicJWK())), alg);
      assertTrue(verify("io.jwt.verify_" + alg.toLowerCase(), token, rsaPem()), alg);
    }
  }

  @Test
  void encodeSignEcdsaVerifiesWithNimbus() throws Exception {
    record Case(String alg, com.nimbusds.jose.jwk.ECKey key) {}
    for (Case c : List.of(new Case("ES256", JwtTestKeys.EC256), new Case("ES384", JwtTestKeys.EC384),
        new Case("ES512", JwtTestKeys.EC521))) {
      String token = encodeSign("{\"alg\":\"" + c.alg() + "\"}", "{\"sub\":\"x\"}", c.key().toJSONString());
      assertTrue(JWSObject.parse(token).verify(new ECDSAVerifier(c.key().toPublicJWK())), c.alg());
      assertTrue(verify("io.jwt.verify_" + c.alg().toLowerCase(), token, c.key().toPublicJWK().toJSONString()));
    }
  }

  @Test
  void encodeSignEdDsaVerifiesWithTheJdk() throws Exception {
    String token = encodeSign("{\"alg\":\"EdDSA\"}", "{\"sub\":\"x\"}", JwtTestKeys.ED25519_JWK.toJSONString());
    int dot = token.lastIndexOf('.');
    java.security.Signature v = java.security.Signature.getInstance("Ed25519");
    v.initVerify(JwtTestKeys.ED25519.getPublic());
    v.update(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
    assertTrue(v.verify(Base64.getUrlDecoder().decode(token.substring(dot + 1))));
    assertTrue(verify("io.jwt.verify_eddsa", token, JwtTestKeys.pem(JwtTestKeys.ED25519.getPublic())));
  }

  @Test
  void encodeSignAcceptsAJwkSetAndUsesItsFirstKey() {
    String set = "{\"keys\":[" + JwtTestKeys.EC256.toJSONString() + "," + JwtTestKeys.RSA.toJSONString() + "]}";
    String token = encodeSign("{\"alg\":\"ES256\"}", "{}", set);
    assertTrue(verify("io.jwt.verify_es256", token, JwtTestKeys.EC256.toPublicJWK().toJSONString()));
  }

  @Test
  void encodeSignRawSignsTheGivenBytes() {
    String jwk = "{\"kty\":\"oct\",\"k\":\"" + b64(SECRET) + "\"}";
    String header = "{ \"alg\": \"HS256\",   \"typ\": \"JWT\" }";
    String payload = "{\"b\": 2, \"a\": 1}";
    String token = ((StringValue) call("io.jwt.encode_sign_raw", s(header), s(payload), s(jwk))).value();
    String[] parts = token.split("\\.");
    assertEquals(b64(header), parts[0]);
    assertEquals(b64(payload), parts[1]);
    assertTrue(verify("io.jwt.verify_hs256", token, SECRET));
  }

  @Test
  void encodeSignRawAllowsNonJsonPayloadOnlyForNonJwtTypes() {
    String jwk = "{\"kty\":\"oct\",\"k\":\"" + b64(SECRET) + "\"}";
    assertEquals("type is JWT but payload is not JSON",
        error("io.jwt.encode_sign_raw", s("{\"alg\":\"HS256\"}"), s("plain text"), s(jwk)).getMessage());
    Value ok = call("io.jwt.encode_sign_raw", s("{\"alg\":\"HS256\",\"typ\":\"text\"}"), s("plain text"), s(jwk));
    assertTrue(((StringValue) ok).value().split("\\.").length == 3);
  }

  @Test
  void encodeSignRefusesAlgNone() {
    String jwk = "{\"kty\":\"oct\",\"k\":\"" + b64(SECRET) + "\"}";
    assertEquals("unknown JWS algorithm: none", assertThrows(BuiltinException.class,
        () -> encodeSign("{\"alg\":\"none\"}", "{}", jwk)).getMessage());
  }

  @Test
  void encodeSignNeedsAnAlgHeader() {
    String jwk = "{\"kty\":\"oct\",\"k\":\"" + b64(SECRET) + "\"}";
    BuiltinException e = assertThrows(BuiltinException.class, () -> encodeSign("{\"typ\":\"JWT\"}", "{}", jwk));
    assertTrue(e.getMessage().startsWith("missing or invalid 'alg' header"), e.getMessage());
  }

  @Test
  void encodeSignWithPublicOnlyKeyIsAnError() {
    String jwk = JwtTestKeys.RSA.toPublicJWK().toJSONString();
    BuiltinException e = assertThrows(BuiltinException.class, () -> encodeSign("{\"alg\":\"RS256\"}", "{}", jwk));
    assertTrue(e.getMessage().startsWith("failed to sign JWS"), e.getMessage());
  }

  @Test
  void encodeSignWithKeyOfWrongTypeIsAnError() {
    String jwk = JwtTestKeys.RSA.toJSONString();
    assertThrows(BuiltinException.class, () -> encodeSign("{\"alg\":\"HS256\"}", "{}", jwk));
    assertThrows(BuiltinException.class, () -> encodeSign("{\"alg\":\"ES256\"}", "{}", jwk));
  }

  @Test
  void encodeSignWithEmptyKeySetIsAnError() {
    assertEquals("no keys found in JWK set", assertThrows(BuiltinException.class,
        () -> encodeSign("{\"alg\":\"HS256\"}", "{}", "{\"keys\":[]}")).getMessage());
  }

  @Test
  void encodeSignThenDecodeVerifyRoundTrip() {
    String token = encodeSign("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}",
        "{\"iss\":\"me\",\"aud\":[\"you\"],\"exp\":" + (NOW_S + 10) + "}", JwtTestKeys.RSA.toJSONString());
    String set = jwks(JwtTestKeys.RSA_OTHER.toPublicJWK(), JwtTestKeys.RSA.toPublicJWK());
    ArrayValue r = decodeVerify(token, constraints("cert", set, ",\"iss\":\"me\",\"aud\":\"you\""));
    assertTrue(valid(r));
    assertEquals(obj("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}"), r.get(1));
  }
}
