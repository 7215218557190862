package dev.mandate.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import org.junit.jupiter.api.Test;

/**
 * Known-answer vectors: RFC 7515 Appendix A.1 and the expected outputs of OPA's own test cases
 * for io.jwt (deterministic algorithms only: HMAC and Ed25519).
 */
class JwtOpaVectorsTest {
  private static final String RFC7515_KEY = "{\"kty\":\"oct\",\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"}";
  private static final String ED_KEY = "{\"kty\":\"OKP\",\"alg\":\"EdDSA\",\"crv\":\"Ed25519\","
      + "\"x\":\"wEZFfoAj1rFKTLOOmjJjVZlCHwksuvMb2I5y_hg70E8\",\"d\":\"9XI34uQzYUJfWhDZf_0nYsLMBRVu8a6dFsy60P8uugk\"}";
  private static final String CLAIMS = "{\"aud\": [\"bob\", \"saul\"], \"exp\": 1300819380, \"http://example.com/is_root\": true,"
      + " \"iss\": \"joe\", \"privateParams\": {\"private_one\": \"one\", \"private_two\": \"two\"}}";

  private final BuiltinRegistry registry = new BuiltinRegistry();
  private final BuiltinContext ctx = new TestBuiltinContext(1_700_000_000_000_000_000L);

  JwtOpaVectorsTest() {
    JwtBuiltins.register(registry);
  }

  private Value call(String name, Value... args) {
    return registry.lookup(name).function().call(ctx, args);
  }

  private static StringValue s(String v) {
    return StringValue.of(v);
  }

  @Test
  void rfc7515AppendixA1SignsTheRawBytes() {
    Value token = call("io.jwt.encode_sign_raw",
        s("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}"),
        s("{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}"),
        s("{\n\"kty\":\"oct\",\n\"k\":\"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\"\n}"));
    assertEquals(s("eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), token);
  }

  @Test
  void encodeSignHs256MatchesOpa() {
    Value token = call("io.jwt.encode_sign", Json.parse("{\"alg\": \"HS256\", \"typ\": \"JWT\"}"), Json.parse(CLAIMS),
        Json.parse(RFC7515_KEY));
    assertEquals(s("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
        + ".eyJhdWQiOlsiYm9iIiwic2F1bCJdLCJleHAiOjEzMDA4MTkzODAsImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlLCJpc3MiOiJqb2UiLCJwcml2YXRlUGFyYW1zIjp7InByaXZhdGVfb25lIjoib25lIiwicHJpdmF0ZV90d28iOiJ0d28ifX0"
        + ".-Or2eol8bzly-Ztb0v7_7UkcKBkN_aNNpK33HK0MeOY"), token);
  }

  @Test
  void encodeSignEdDsaMatchesOpa() {
    Value token = call("io.jwt.encode_sign", Json.parse("{\"alg\": \"EdDSA\", \"typ\": \"JWT\"}"), Json.parse(CLAIMS),
        Json.parse(ED_KEY));
    assertEquals(s("eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9"
        + ".eyJhdWQiOlsiYm9iIiwic2F1bCJdLCJleHAiOjEzMDA4MTkzODAsImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlLCJpc3MiOiJqb2UiLCJwcml2YXRlUGFyYW1zIjp7InByaXZhdGVfb25lIjoib25lIiwicHJpdmF0ZV90d28iOiJ0d28ifX0"
        + ".T_X7SzKEehTnRdgYrDobpKO-EqZ0LW3Y-idx16wNHXCL5aiR24h2Ei0pWRHG2X2BYomwbvNwyxPcasgHqs_eBA"), token);
  }

  @Test
  void encodeSignRawEdDsaMatchesOpa() {
    Value token = call("io.jwt.encode_sign_raw", s("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}"),
        s("{\"iss\":\"joe\",\"exp\":1300819380,\"http://example.com/is_root\":true}"), s(ED_KEY));
    assertEquals(s("eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9"
        + ".eyJpc3MiOiJqb2UiLCJleHAiOjEzMDA4MTkzODAsImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".jS1so-rsTaC8DdA8_ZnFXYbi9xOrMVXOviMFrahQ7ez0UKKzjU-2vxrM0ON-Vu3GXKhtBkkO3SUtNMoeYw3zDQ"), token);
  }

  @Test
  void decodeVerifyEdDsaWithPemPublicKey() {
    Value r = call("io.jwt.decode_verify", s("eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9"
            + ".eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiYWRtaW4iOnRydWUsImlhdCI6MTUxNjIzOTAyMn0"
            + ".JkKWCY39IdWEQttmdqR7VdsvT-_QxheW_eb0S5wr_j83ltux_JDUIXs7a3Dtn3xuqzuhetiuJrWIvy5TzimeCg"),
        Json.parse("{\"cert\": \"-----BEGIN PUBLIC KEY-----\\nMCowBQYDK2VwAyEAwmK6SSAu2E9V7uynkCKEaj5nZJyTvNG4x0KohsRzLpg=\\n-----END PUBLIC KEY-----\\n\"}"));
    assertEquals(ArrayValue.of(BooleanValue.TRUE, Json.parse("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}"),
        Json.parse("{\"admin\":true,\"iat\":1516239022,\"name\":\"John Doe\",\"sub\":\"1234567890\"}")), r);
  }

  @Test
  void decodeVerifyWithFloatNbfOneSecondLater() {
    Value r = call("io.jwt.decode_verify", s("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJpc3MiOiJ4eHgiLCJuYmYiOjEuNTg5Mzg1NzcwMTIzNGUrMDl9.lvrsV1nam-BZr0SomWwsr4dBfu6BDrR2FzQ1iS_Xnrw"),
        Json.parse("{\"secret\": \"secret\", \"time\": 1589385771123400000}"));
    assertEquals(BooleanValue.TRUE, ((ArrayValue) r).get(0));
    assertEquals(Json.parse("1589385770.1234"), ((ObjectValue) ((ArrayValue) r).get(2)).get("nbf"));
  }

  @Test
  void decodeVerifyWithNullExpIsAnError() {
    Value token = call("io.jwt.encode_sign", Json.parse("{\"alg\": \"HS256\"}"), Json.parse("{\"exp\": null}"),
        Json.parse("{\"kty\": \"oct\", \"k\": \"NDI\"}"));
    BuiltinException e = assertThrows(BuiltinException.class,
        () -> call("io.jwt.decode_verify", token, Json.parse("{\"secret\": \"42\"}")));
    assertEquals("exp value must be a number", e.getMessage());
  }

  /** OPA's test certificate for its RS256 decode_verify cases (no trailing newline, expired: irrelevant). */
  private static final String OPA_CERT = """
      -----BEGIN CERTIFICATE-----
      MIIC/DCCAeSgAwIBAgIJAJRvYDU3ei3EMA0GCSqGSIb3DQEBCwUAMBMxETAPBgNV
      BAMMCHdoYXRldmVyMB4XDTE4MDgxMDEwMzgxNloXDTE4MDkwOTEwMzgxNlowEzER
      MA8GA1UEAwwId2hhdGV2ZXIwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIB
      AQC4kCmzLMW/5jzkzkmN7Me8wPD+ymBUIjsGqliGfMrfFfDV2eTPVtZcYD3IXoB4
      AOUT7XJzWjOsBRFOcVKKEiCPjXiLcwLb/QWQ1x0Budft32r3+N0KQd1rgcRHTPNc
      JoeWCfOgDPp51RTzTT6HQuV4ud+CDhRJP7QMVMIgal9Nuzs49LLZaBPW8/rFsHjk
      JQ4kDujSrpcT6F2FZY3SmWsOJgP7RjVKk5BheYeFKav5ZV4p6iHn/TN4RVpvpNBh
      5z/XoHITJ6lpkHSDpbIaQUTpobU2um8N3biz+HsEAmD9Laa27WUpYSpiM6DDMSXl
      dBDJdumerVRJvXYCtfXqtl17AgMBAAGjUzBRMB0GA1UdDgQWBBRz74MkVzT2K52/
      FJC4mTa9coM/DTAfBgNVHSMEGDAWgBRz74MkVzT2K52/FJC4mTa9coM/DTAPBgNV
      HRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQAD1ZE4IaIAetqGG+vt9oz1
      Ix0j4EPok0ONyhhmiSsF6rSv8zlNWweVf5y6Z+AoTNY1Fym0T7dbpbqIox0EdKV3
      FLzniWOjznupbnqfXwHX/g1UAZSyt3akSatVhvNpGlnd7efTIAiNinX/TkzIjhZ7
      ihMIZCGykT1P0ys1OaeEf57wAzviatD4pEMTIW0OOqY8bdRGhuJR1kKUZ/2Nm8Ln
      y7E0y8uODVbH9cAwGyzWB/QFc+bffNgi9uJaPQQc5Zxwpu9utlqyzFvXgV7MBYUK
      EYSLyxp4g4e5aujtLugaC8H6n9vP1mEBr/+T8HGynBZHNTKlDhhL9qDbpkkNB6/w
      -----END CERTIFICATE-----""";
  private static final String NBF_1000 = "eyJhbGciOiAiUlMyNTYiLCAidHlwIjogIkpXVCJ9.eyJuYmYiOiAxMDAwLCAiaXNzIjogInh4eCJ9"
      + ".cwwYDfJhU_ambPIpwBJwDek05miffoudprr41IAYsl0IKekb1ii2uEgwkNM-LJtVXHe9hsK3gANFyfqoJuCZIBvaNMx_3Z0BUdeBs4k1UwBiZCpuud0ofgHKURwvehNgqDvRfchq_-K_Agi2iRdl0oShgLjN-gVbBl8pRwUbQrvASlcsCpZIKUyOzXNtaIZEFh1z6ISDy8UHHOdoieKpN23swya7QAcEb0wXEEKMkkhiRd5QHgWLk37Lnw2K89mKcq4Om0CtV9nHrxxmpYGSMPojCy16Gjdg5-xKyJWvxCfb3YUBUVM4RWa7ICOPRJWPuHxu9pPYG63hb_qDU6NLsw";

  private Value decodeVerifyWithOpaCert(String token, String extraConstraints) {
    ObjectValue c = (ObjectValue) Json.parse("{\"cert\":" + Json.quote(OPA_CERT) + extraConstraints + "}");
    return call("io.jwt.decode_verify", s(token), c);
  }

  @Test
  void rs256NbfReachedMatchesOpa() {
    assertEquals(ArrayValue.of(BooleanValue.TRUE, Json.parse("{\"alg\":\"RS256\",\"typ\":\"JWT\"}"),
        Json.parse("{\"iss\":\"xxx\",\"nbf\":1000}")), decodeVerifyWithOpaCert(NBF_1000, ",\"time\":2000000000000"));
  }

  @Test
  void rs256NbfTooSoonMatchesOpa() {
    assertEquals(ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY),
        decodeVerifyWithOpaCert(NBF_1000, ",\"time\":500000000000"));
  }

  @Test
  void rs256WrongAudienceMatchesOpa() {
    String token = "eyJhbGciOiAiUlMyNTYiLCAidHlwIjogIkpXVCJ9.eyJpc3MiOiAieHh4IiwgImF1ZCI6ICJmcmVkIn0"
        + ".F-9m2Tx8r1tuQFirazsI4FK05bXX3uP4ut8M2FryJ07k3bQhy262fdwNDmuFcGx0NfL-c80agcwGoTzMWXkVEgZ2KTz0QSAdcdGk3ZWtUy-Mj2IilZ1dzkVvW8LsithYFTGcUtkelFDrJwtMQ0Kum7SXJpC_HCBk4PbftY0XD6jRgHLnQdeT9_J11L4sd19vCdpxxxm3_m_yvUV3ZynzB4vhQbS3CET4EClAVhi-m_gMh9mj85gY1ycIz6-FxWv8xM2Igm2SMeIdyJwAvEGnIauRS928P_OqVCZgCH2Pafnxtzy77Llpxy8XS0xu5PtPw3_azhg33GaXDCFsfz6GpA";
    assertEquals(ArrayValue.of(BooleanValue.FALSE, ObjectValue.EMPTY, ObjectValue.EMPTY),
        decodeVerifyWithOpaCert(token, ",\"aud\":\"cath\""));
    assertEquals(BooleanValue.TRUE, ((ArrayValue) decodeVerifyWithOpaCert(token, ",\"aud\":\"fred\"")).get(0));
  }

  @Test
  void verifyRs256WithOpaCertificate() {
    assertEquals(BooleanValue.TRUE, call("io.jwt.verify_rs256", s(NBF_1000), s(OPA_CERT)));
  }
}
