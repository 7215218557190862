package dev.mandate.rego.builtins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.rego.EvalException;
import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.Json;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CryptoBuiltinsTest {
  /** 2027-01-01T00:00:00Z: after the fixtures were issued, long before they expire. */
  private static final long NOW_NS = Instant.parse("2027-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
  private static final String CHAIN = CryptoFixtures.CA_CERT + CryptoFixtures.INTERMEDIATE_CERT + CryptoFixtures.LEAF_CERT;
  private static final String FOX = "The quick brown fox jumps over the lazy dog";

  private final BuiltinRegistry registry = new BuiltinRegistry();
  private final BuiltinContext ctx = new TestBuiltinContext(NOW_NS);

  CryptoBuiltinsTest() {
    CryptoBuiltins.register(registry);
  }

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

  private static X509Certificate jdkCert(String pem) throws Exception {
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static ObjectValue field(Value o, String name) {
    return (ObjectValue) ((ObjectValue) o).get(name);
  }

  // ---- registration -------------------------------------------------------------------------

  @Test
  void registersEveryCryptoBuiltin() {
    assertEquals(Set.of("crypto.md5", "crypto.sha1", "crypto.sha256", "crypto.hmac.md5", "crypto.hmac.sha1",
        "crypto.hmac.sha256", "crypto.hmac.sha512", "crypto.hmac.equal", "crypto.x509.parse_certificates",
        "crypto.x509.parse_and_verify_certificates", "crypto.x509.parse_and_verify_certificates_with_options",
        "crypto.x509.parse_certificate_request", "crypto.x509.parse_keypair", "crypto.x509.parse_rsa_private_key",
        "crypto.parse_private_keys"), registry.names());
  }

  // ---- digests and HMACs (published test vectors) --------------------------------------------

  @Test
  void digestsAreHexOfUtf8Bytes() {
    assertEquals(s("d41d8cd98f00b204e9800998ecf8427e"), call("crypto.md5", s("")));
    assertEquals(s("5d41402abc4b2a76b9719d911017c592"), call("crypto.md5", s("hello")));
    assertEquals(s("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d"), call("crypto.sha1", s("hello")));
    assertEquals(s("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"), call("crypto.sha256", s("hello")));
  }

  @Test
  void digestOfNonAsciiUsesUtf8() {
    // sha256 of the UTF-8 bytes c3 a9 ("é"), as `printf é | sha256sum` gives it.
    assertEquals(s("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"), call("crypto.sha256", s("é")));
  }

  @Test
  void hmacsMatchRfcStyleVectors() {
    assertEquals(s("80070713463e7749b90c2dc24911e275"), call("crypto.hmac.md5", s(FOX), s("key")));
    assertEquals(s("de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9"), call("crypto.hmac.sha1", s(FOX), s("key")));
    assertEquals(s("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"),
        call("crypto.hmac.sha256", s(FOX), s("key")));
    assertEquals(s("b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb"
        + "82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a"), call("crypto.hmac.sha512", s(FOX), s("key")));
  }

  @Test
  void hmacWithEmptyKeyWorksAsInGo() {
    assertEquals(s("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"),
        call("crypto.hmac.sha256", s(""), s("")));
  }

  @Test
  void hmacOperandTypesAreChecked() {
    BuiltinException e = error("crypto.hmac.sha256", s("x"), NumberValue.of(1));
    assertEquals(EvalException.TYPE, e.code());
    assertEquals("operand 2 must be string but got number", e.getMessage());
  }

  @Test
  void hmacEqualComparesExactly() {
    assertEquals(BooleanValue.TRUE, call("crypto.hmac.equal", s("abc"), s("abc")));
    assertEquals(BooleanValue.FALSE, call("crypto.hmac.equal", s("abc"), s("abd")));
    assertEquals(BooleanValue.FALSE, call("crypto.hmac.equal", s("abc"), s("abcd")));
    assertEquals(BooleanValue.FALSE, call("crypto.hmac.equal", s("ABC"), s("abc")));
  }

  // ---- crypto.x509.parse_certificates -------------------------------------------------------

  @Test
  void parsesLeafCertificateFields() throws Exception {
    ArrayValue certs = (ArrayValue) call("crypto.x509.parse_certificates", s(CryptoFixtures.LEAF_CERT));
    assertEquals(1, certs.size());
    ObjectValue c = (ObjectValue) certs.get(0);
    X509Certificate jdk = jdkCert(CryptoFixtures.LEAF_CERT);
    assertEquals(s("leaf.example.com"), field(c, "Subject").get("CommonName"));
    assertEquals(ArrayValue.of(s("Mandate")), field(c, "Subject").get("Organization"));
    assertEquals(NullValue.INSTANCE, field(c, "Subject").get("Country"));
    assertEquals(s("Mandate Test Intermediate"), field(c, "Issuer").get("CommonName"));
    assertEquals(Json.parse("[{\"Type\":[2,5,4,3],\"Value\":\"leaf.example.com\"},{\"Type\":[2,5,4,10],\"Value\":\"Mandate\"}]"),
        field(c, "Subject").get("Names"));
    assertEquals(NumberValue.of(jdk.getSerialNumber()), c.get("SerialNumber"));
    assertEquals(NumberValue.of(3), c.get("Version"));
    assertEquals(NumberValue.of(4), c.get("SignatureAlgorithm"), "SHA256WithRSA");
    assertEquals(NumberValue.of(1), c.get("PublicKeyAlgorithm"), "RSA");
    assertEquals(NumberValue.of(((RSAPublicKey) jdk.getPublicKey()).getModulus()), field(c, "PublicKey").get("N"));
    assertEquals(NumberValue.of(65537), field(c, "PublicKey").get("E"));
    assertEquals(s(jdk.getNotBefore().toInstant().toString()), c.get("NotBefore"));
    assertTrue(((StringValue) c.get("NotAfter")).value().matches("2126-10-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    assertEquals(s(Base64.getEncoder().encodeToString(jdk.getEncoded())), c.get("Raw"));
    assertEquals(s(Base64.getEncoder().encodeToString(jdk.getSignature())), c.get("Signature"));
  }

  @Test
  void parsesLeafCertificateExtensions() throws Exception {
    ObjectValue c = (ObjectValue) ((ArrayValue) call("crypto.x509.parse_certificates", s(CryptoFixtures.LEAF_CERT))).get(0);
    X509Certificate jdk = jdkCert(CryptoFixtures.LEAF_CERT);
    assertEquals(Json.parse("[\"leaf.example.com\",\"www.example.com\"]"), c.get("DNSNames"));
    assertEquals(Json.parse("[\"10.0.0.1\"]"), c.get("IPAddresses"));
    assertEquals(Json.parse("[\"ops@example.com\"]"), c.get("EmailAddresses"));
    assertEquals(Json.parse("[\"spiffe://example.com/leaf\"]"), c.get("URIStrings"));
    ObjectValue uri = (ObjectValue) ((ArrayValue) c.get("URIs")).get(0);
    assertEquals(s("spiffe"), uri.get("Scheme"));
    assertEquals(s("example.com"), uri.get("Host"));
    assertEquals(s("/leaf"), uri.get("Path"));
    assertEquals(BooleanValue.TRUE, c.get("BasicConstraintsValid"));
    assertEquals(BooleanValue.FALSE, c.get("IsCA"));
    assertEquals(NumberValue.of(-1), c.get("MaxPathLen"));
    assertEquals(NumberValue.of(1 | 4), c.get("KeyUsage"), "digitalSignature | keyEncipherment");
    assertEquals(Json.parse("[1,2]"), c.get("ExtKeyUsage"), "serverAuth, clientAuth");
    int extCount = jdk.getCriticalExtensionOIDs().size() + jdk.getNonCriticalExtensionOIDs().size();
    assertEquals(extCount, ((ArrayValue) c.get("Extensions")).size());
    byte[] ski = Arrays.copyOfRange(jdk.getExtensionValue("2.5.29.14"), 4, jdk.getExtensionValue("2.5.29.14").length);
    assertEquals(s(Base64.getEncoder().encodeToString(ski)), c.get("SubjectKeyId"));
    assertEquals(NullValue.INSTANCE, c.get("UnhandledCriticalExtensions"));
  }

  @Test
  void parsesCaCertificateConstraints() {
    ObjectValue c = (ObjectValue) ((ArrayValue) call("crypto.x509.parse_certificates", s(CryptoFixtures.CA_CERT))).get(0);
    assertEquals(BooleanValue.TRUE, c.get("IsCA"));
    assertEquals(NumberValue.of(32 | 64), c.get("KeyUsage"), "certSign | CRLSign");
    assertEquals(NullValue.INSTANCE, c.get("URIStrings"));
    assertEquals(NullValue.INSTANCE, c.get("DNSNames"));
  }

  @Test
  void parsesEcCertificatePublicKey() throws Exception {
    ObjectValue c = (ObjectValue) ((ArrayValue) call("crypto.x509.parse_certificates", s(CryptoFixtures.EC_CERT))).get(0);
    assertEquals(NumberValue.of(3), c.get("PublicKeyAlgorithm"), "ECDSA");
    assertEquals(NumberValue.of(10), c.get("SignatureAlgorithm"), "ECDSAWithSHA256");
    var w = ((java.security.interfaces.ECPublicKey) jdkCert(CryptoFixtures.EC_CERT).getPublicKey()).getW();
    assertEquals(NumberValue.of(w.getAffineX()), field(c, "PublicKey").get("X"));
    assertEquals(ObjectValue.EMPTY, field(c, "PublicKey").get("Curve"));
  }

  @Test
  void parsesAChainInOrder() {
    ArrayValue certs = (ArrayValue) call("crypto.x509.parse_certificates", s(CHAIN));
    assertEquals(3, certs.size());
    assertEquals(s("Mandate Test Root CA"), field(certs.get(0), "Subject").get("CommonName"));
    assertEquals(s("leaf.example.com"), field(certs.get(2), "Subject").get("CommonName"));
  }

  @Test
  void parsesBase64DerAndBase64Pem() throws Exception {
    String der = Base64.getEncoder().encodeToString(jdkCert(CryptoFixtures.LEAF_CERT).getEncoded());
    ArrayValue fromDer = (ArrayValue) call("crypto.x509.parse_certificates", s(der));
    String b64Pem = Base64.getEncoder().encodeToString(CryptoFixtures.LEAF_CERT.getBytes(StandardCharsets.US_ASCII));
    ArrayValue fromB64Pem = (ArrayValue) call("crypto.x509.parse_certificates", s(b64Pem));
    ArrayValue fromPem = (ArrayValue) call("crypto.x509.parse_certificates", s(CryptoFixtures.LEAF_CERT));
    assertEquals(fromPem, fromDer);
    assertEquals(fromPem, fromB64Pem);
  }

  @Test
  void nonCertificatePemBlockIsAnError() {
    assertEquals("PEM block type is 'PRIVATE KEY', expected CERTIFICATE",
        error("crypto.x509.parse_certificates", s(CryptoFixtures.RSA_KEY_PKCS8)).getMessage());
  }

  @Test
  void invalidBase64IsAnError() {
    assertTrue(error("crypto.x509.parse_certificates", s("not base64!")).getMessage().startsWith("illegal base64 data"));
  }

  @Test
  void corruptDerIsAnError() {
    String junk = Base64.getEncoder().encodeToString(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01});
    assertTrue(error("crypto.x509.parse_certificates", s(junk)).getMessage().startsWith("x509: "));
  }

  // ---- chain verification -------------------------------------------------------------------

  @Test
  void verifiesAValidChainLeafFirst() {
    ArrayValue r = (ArrayValue) call("crypto.x509.parse_and_verify_certificates", s(CHAIN));
    assertEquals(BooleanValue.TRUE, r.get(0));
    ArrayValue chain = (ArrayValue) r.get(1);
    assertEquals(3, chain.size());
    assertEquals(s("leaf.example.com"), field(chain.get(0), "Subject").get("CommonName"));
    assertEquals(s("Mandate Test Intermediate"), field(chain.get(1), "Subject").get("CommonName"));
    assertEquals(s("Mandate Test Root CA"), field(chain.get(2), "Subject").get("CommonName"));
  }

  private static final ArrayValue UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);

  @Test
  void chainWithWrongRootDoesNotVerify() {
    String chain = CryptoFixtures.RSA_CERT + CryptoFixtures.INTERMEDIATE_CERT + CryptoFixtures.LEAF_CERT;
    assertEquals(UNVERIFIED, call("crypto.x509.parse_and_verify_certificates", s(chain)));
  }

  @Test
  void chainMissingTheIntermediateDoesNotVerify() {
    String chain = CryptoFixtures.CA_CERT + CryptoFixtures.LEAF_CERT;
    assertEquals(UNVERIFIED, call("crypto.x509.parse_and_verify_certificates", s(chain)));
  }

  @Test
  void singleCertificateDoesNotVerify() {
    assertEquals(UNVERIFIED, call("crypto.x509.parse_and_verify_certificates", s(CryptoFixtures.CA_CERT)));
  }

  @Test
  void unparsableInputIsUnverifiedNotAnError() {
    assertEquals(UNVERIFIED, call("crypto.x509.parse_and_verify_certificates", s("garbage!")));
  }

  private Value verifyWith(String optionsJson) {
    return call("crypto.x509.parse_and_verify_certificates_with_options", s(CHAIN), Json.parse(optionsJson));
  }

  @Test
  void expiredChainDoesNotVerify() {
    long year2200 = Instant.parse("2200-01-01T00:00:00Z").getEpochSecond();
    assertEquals(UNVERIFIED, verifyWith("{\"CurrentTime\":" + year2200 + "000000000}"));
  }

  @Test
  void notYetValidChainDoesNotVerify() {
    long year2020 = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    assertEquals(UNVERIFIED, verifyWith("{\"CurrentTime\":" + year2020 + "000000000}"));
  }

  @Test
  void keyUsageOptionFollowsGoRules() {
    assertEquals(BooleanValue.TRUE, ((ArrayValue) verifyWith("{\"KeyUsages\":[\"KeyUsageClientAuth\"]}")).get(0));
    assertEquals(UNVERIFIED, verifyWith("{\"KeyUsages\":[\"KeyUsageCodeSigning\"]}"));
    assertEquals(BooleanValue.TRUE, ((ArrayValue) verifyWith("{\"KeyUsages\":[\"KeyUsageAny\"]}")).get(0));
  }

  @Test
  void dnsNameOptionIsChecked() {
    assertEquals(BooleanValue.TRUE, ((ArrayValue) verifyWith("{\"DNSName\":\"www.example.com\"}")).get(0));
    assertEquals(UNVERIFIED, verifyWith("{\"DNSName\":\"evil.example.com\"}"));
  }

  @Test
  void withOptionsOmitsUriStrings() {
    ArrayValue chain = (ArrayValue) ((ArrayValue) verifyWith("{}")).get(1);
    assertEquals(null, ((ObjectValue) chain.get(0)).get("URIStrings"));
  }

  @Test
  void badVerifyOptionsAreErrors() {
    assertEquals("invalid key option",
        assertThrows(BuiltinException.class, () -> verifyWith("{\"Nope\":1}")).getMessage());
    assertEquals("invalid entries for 'KeyUsages' found: [Bogus]",
        assertThrows(BuiltinException.class, () -> verifyWith("{\"KeyUsages\":[\"Bogus\"]}")).getMessage());
    assertEquals("'DNSName' should be a string",
        assertThrows(BuiltinException.class, () -> verifyWith("{\"DNSName\":1}")).getMessage());
  }

  // ---- CSR ------------------------------------------------------------------------------------

  @Test
  void parsesCertificateRequest() {
    ObjectValue csr = (ObjectValue) call("crypto.x509.parse_certificate_request", s(CryptoFixtures.LEAF_CSR));
    assertEquals(s("leaf.example.com"), field(csr, "Subject").get("CommonName"));
    assertEquals(Json.parse("[\"leaf.example.com\",\"www.example.com\"]"), csr.get("DNSNames"));
    assertEquals(Json.parse("[\"10.0.0.1\"]"), csr.get("IPAddresses"));
    assertEquals(NumberValue.of(0), csr.get("Version"));
    assertEquals(NumberValue.of(1), csr.get("PublicKeyAlgorithm"));
    assertEquals(NumberValue.of(4), csr.get("SignatureAlgorithm"));
  }

  @Test
  void parsesBase64CertificateRequest() {
    String b64 = Base64.getEncoder().encodeToString(CryptoFixtures.LEAF_CSR.getBytes(StandardCharsets.US_ASCII));
    assertEquals(call("crypto.x509.parse_certificate_request", s(CryptoFixtures.LEAF_CSR)),
        call("crypto.x509.parse_certificate_request", s(b64)));
  }

  @Test
  void certificateIsNotACertificateRequest() {
    String b64 = Base64.getEncoder().encodeToString(CryptoFixtures.LEAF_CERT.getBytes(StandardCharsets.US_ASCII));
    assertEquals("invalid PEM-encoded certificate signing request",
        error("crypto.x509.parse_certificate_request", s(b64)).getMessage());
  }

  // ---- key pairs and private keys -------------------------------------------------------------

  @Test
  void parsesMatchingKeyPair() {
    ObjectValue kp = (ObjectValue) call("crypto.x509.parse_keypair", s(CryptoFixtures.LEAF_CERT), s(CryptoFixtures.LEAF_KEY_PKCS8));
    assertEquals(1, ((ArrayValue) kp.get("Certificate")).size());
    ObjectValue leaf = (ObjectValue) kp.get("Leaf");
    assertEquals(s("leaf.example.com"), field(leaf, "Subject").get("CommonName"));
    assertEquals(field(leaf, "PublicKey").get("N"), field(kp, "PrivateKey").get("N"));
  }

  @Test
  void mismatchedKeyPairIsAnError() {
    assertEquals("tls: private key does not match public key",
        error("crypto.x509.parse_keypair", s(CryptoFixtures.RSA_CERT), s(CryptoFixtures.LEAF_KEY_PKCS8)).getMessage());
  }

  @Test
  void keyPairOfEcKeyInSec1Form() {
    ObjectValue kp = (ObjectValue) call("crypto.x509.parse_keypair", s(CryptoFixtures.EC_CERT), s(CryptoFixtures.EC_KEY_SEC1));
    assertEquals(field(kp.get("Leaf"), "PublicKey").get("X"), field(kp, "PrivateKey").get("X"));
  }

  @Test
  void rsaPrivateKeyAsJwkFromPkcs1AndPkcs8() throws Exception {
    ObjectValue fromPkcs1 = (ObjectValue) call("crypto.x509.parse_rsa_private_key", s(CryptoFixtures.RSA_KEY_PKCS1));
    ObjectValue fromPkcs8 = (ObjectValue) call("crypto.x509.parse_rsa_private_key", s(CryptoFixtures.RSA_KEY_PKCS8));
    assertEquals(fromPkcs1, fromPkcs8);
    assertEquals(s("RSA"), fromPkcs1.get("kty"));
    BigInteger n = ((RSAPublicKey) jdkCert(CryptoFixtures.RSA_CERT).getPublicKey()).getModulus();
    assertEquals(n, new BigInteger(1, Base64.getUrlDecoder().decode(((StringValue) fromPkcs1.get("n")).value())));
    for (String member : new String[] {"e", "d", "p", "q", "dp", "dq", "qi"}) {
      assertTrue(fromPkcs1.get(member) instanceof StringValue, member);
    }
  }

  @Test
  void ecPrivateKeyAsJwk() {
    ObjectValue jwk = (ObjectValue) call("crypto.x509.parse_rsa_private_key", s(CryptoFixtures.EC_KEY_SEC1));
    assertEquals(s("EC"), jwk.get("kty"));
    assertEquals(s("P-256"), jwk.get("crv"));
  }

  @Test
  void emptyPrivateKeyInputIsAnError() {
    assertEquals("input PEM data was empty", error("crypto.x509.parse_rsa_private_key", s("")).getMessage());
  }

  @Test
  void parsesSeveralPrivateKeys() {
    ArrayValue keys = (ArrayValue) call("crypto.parse_private_keys",
        s(CryptoFixtures.RSA_KEY_PKCS1 + CryptoFixtures.CA_CERT + CryptoFixtures.EC_KEY_SEC1));
    assertEquals(2, keys.size(), "the certificate block is skipped");
    ObjectValue rsa = (ObjectValue) keys.get(0);
    assertEquals(NumberValue.of(65537), rsa.get("E"));
    assertEquals(2, ((ArrayValue) rsa.get("Primes")).size());
    ObjectValue ec = (ObjectValue) keys.get(1);
    assertTrue(ec.get("D") instanceof NumberValue);
    assertTrue(ec.get("X") instanceof NumberValue);
  }

  @Test
  void ed25519PrivateKeyCarriesItsPublicHalf() throws Exception {
    KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(kp.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    ArrayValue keys = (ArrayValue) call("crypto.parse_private_keys", s(pem));
    byte[] raw = Base64.getDecoder().decode(((StringValue) keys.get(0)).value());
    byte[] spki = kp.getPublic().getEncoded();
    assertEquals(64, raw.length);
    assertTrue(Arrays.equals(Arrays.copyOfRange(spki, spki.length - 32, spki.length), Arrays.copyOfRange(raw, 32, 64)));
  }

  @Test
  void privateKeysOfEmptyAndKeylessInput() {
    assertEquals(NullValue.INSTANCE, call("crypto.parse_private_keys", s("")));
    assertEquals(ArrayValue.EMPTY, call("crypto.parse_private_keys", s(CryptoFixtures.CA_CERT)));
  }

  // ---- certificates from OPA's own test cases ------------------------------------------------

  private static final String LETS_ENCRYPT_CERT = "-----BEGIN CERTIFICATE-----\nMIIFdzCCBF+gAwIBAgISA3NriAEus/+cvflvhVQOW5zTMA0GCSqGSIb3DQEBCwUA\nMEoxCzAJBgNVBAYTAlVTMRYwFAYDVQQKEw1MZXQncyBFbmNyeXB0MSMwIQYDVQQD\nExpMZXQncyBFbmNyeXB0IEF1dGhvcml0eSBYMzAeFw0yMDA3MTAxNjAwMzBaFw0y\nMDEwMDgxNjAwMzBaMB4xHDAaBgNVBAMTE29wZW5wb2xpY3lhZ2VudC5vcmcwggEi\nMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCyy8HZXVTJ2TSHXYnoL+CKYpo4\nwz1wowUcdt/XBgN08f37NxaNk+VAj8GD2s6zhoHLShyYS2PVosf7xumvyG914PLp\nIHO9WmCaZMqwEyvMM/VE9dBkKfaTo78BT6aXyJmnkjpeFmBOGs3uP5bUARj3Onnr\n7Aos9j45rgrytpelYTMlLi6jVtBv5RIZuMoJ15W252t8eIgsOq57ad0Bobeyy4Tu\nGhveP0V3vUJvI3ibqH5E9cWzI2f8UtoirUNf0J3tcng8JqSOuuzWDYWrRDAzQbJY\nqKzvVDcN+ptqV7GZ6JuqHhdwgDeqBOsveDbzAAyYSVPJjRWYea8MxlM7OXbtAgMB\nAAGjggKBMIICfTAOBgNVHQ8BAf8EBAMCBaAwHQYDVR0lBBYwFAYIKwYBBQUHAwEG\nCCsGAQUFBwMCMAwGA1UdEwEB/wQCMAAwHQYDVR0OBBYEFHDweb6KprSvWrw/vR6k\nwTVpudPtMB8GA1UdIwQYMBaAFKhKamMEfd265tE5t6ZFZe/zqOyhMG8GCCsGAQUF\nBwEBBGMwYTAuBggrBgEFBQcwAYYiaHR0cDovL29jc3AuaW50LXgzLmxldHNlbmNy\neXB0Lm9yZzAvBggrBgEFBQcwAoYjaHR0cDovL2NlcnQuaW50LXgzLmxldHNlbmNy\neXB0Lm9yZy8wNwYDVR0RBDAwLoITb3BlbnBvbGljeWFnZW50Lm9yZ4IXd3d3Lm9w\nZW5wb2xpY3lhZ2VudC5vcmcwTAYDVR0gBEUwQzAIBgZngQwBAgEwNwYLKwYBBAGC\n3xMBAQEwKDAmBggrBgEFBQcCARYaaHR0cDovL2Nwcy5sZXRzZW5jcnlwdC5vcmcw\nggEEBgorBgEEAdZ5AgQCBIH1BIHyAPAAdgBep3P531bA57U2SH3QSeAyepGaDISh\nEhKEGHWWgXFFWAAAAXM5q9vDAAAEAwBHMEUCIQCRHqgrtl07Y6TryfMmQN6TNKRV\nm1LTy9vI3Mh/krbSQQIgYgVAKwXRoPR+BN1pcJbJv3Aivbh6E7L987rMSEQk5VoA\ndgCyHgXMi6LNiiBOh2b5K7mKJSBna9r6cOeySVMt74uQXgAAAXM5q9uuAAAEAwBH\nMEUCIQDdruTutQ/UchckqYQ+2p9mutnrSnnQXa8xLA41YGzZHgIgXXETFbGfns2C\n7YJ8cDoYYAjmdzMg8k7hKXQGu/KsAb4wDQYJKoZIhvcNAQELBQADggEBAGk9p5yt\nOaDIPRPk5ImpH1f6f010mULWPV5Pjn6kzMHP9z5ndMz++1NOvHV4GVBCoeuKq1bp\nFCD+IgA9pcJAEXQ/u4GpmbAKUZzmfMIb89aRgnJp0mx9Y4BBd45ExUWs8w4cfgFZ\nyZUeHvWs1anpAcR2FIZpAVMQCaIgjOt2ddR1xv4acCw+mD/B9oKfGZEUgyIANvpB\nIDabggLSwFa9OKKXRBVRAafo7Oac21HQU7E3sXphaHZGfn2F27dD/qoqUcLqr4lC\nc7lNE0YGp6r+aPo9VLcH2V0lN4t+1VbVArwKznsNdcQnwKBetgqvZrgLg4+qjo4y\nuixJY38XU/b7baU=\n-----END CERTIFICATE-----";

  @Test
  void parsesOpaTestCertificateWithSctAndPolicyQualifiers() {
    ObjectValue c = (ObjectValue) ((ArrayValue) call("crypto.x509.parse_certificates", s(LETS_ENCRYPT_CERT))).get(0);
    assertEquals(s("openpolicyagent.org"), field(c, "Subject").get("CommonName"));
    assertEquals(Json.parse("[\"openpolicyagent.org\",\"www.openpolicyagent.org\"]"), c.get("DNSNames"));
    assertEquals(Json.parse("[\"http://ocsp.int-x3.letsencrypt.org\"]"), c.get("OCSPServer"));
    assertEquals(Json.parse("[\"http://cert.int-x3.letsencrypt.org/\"]"), c.get("IssuingCertificateURL"));
    assertEquals(Json.parse("[\"2.23.140.1.2.1\",\"1.3.6.1.4.1.44947.1.1.1\"]"), c.get("Policies"));
    assertEquals(Json.parse("[[2,23,140,1,2,1],[1,3,6,1,4,1,44947,1,1,1]]"), c.get("PolicyIdentifiers"));
    assertEquals(Json.parse("[\"Let's Encrypt\"]"), field(c, "Issuer").get("Organization"));
    assertEquals(Json.parse("[\"US\"]"), field(c, "Issuer").get("Country"));
    assertEquals(NumberValue.of(1 | 4), c.get("KeyUsage"));
  }

  @Test
  void uriStringsOfOpaTestCertificate() {
    ObjectValue c = (ObjectValue) ((ArrayValue) call("crypto.x509.parse_certificates", s("LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUIxekNDQVh5Z0F3SUJBZ0lJZGxpT1dVY1NXM3N3Q2dZSUtvWkl6ajBFQXdJd1BURUxNQWtHQTFVRUJoTUMKUjBJeEVEQU9CZ05WQkFvVEIwVjRZVzF3YkdVeEhEQWFCZ05WQkFVVEV6RTFPREV4TnpnNU56UTJPRFkxTmpneQpOalF3SUJjTk1qTXhNVEl3TVRZMU5USTRXaGdQTWpFeU1qRXdNamN4TmpVMU1qaGFNRDB4Q3pBSkJnTlZCQVlUCkFrZENNUkF3RGdZRFZRUUtFd2RGZUdGdGNHeGxNUnd3R2dZRFZRUUZFeE00TlRJM056SXlOREE0TlRJeE5qVXoKTVRFMU1Ga3dFd1lIS29aSXpqMENBUVlJS29aSXpqMERBUWNEUWdBRXp0UDNrQnNpQXY4UUF5eWxUalJZSFlWegpjWTB5YmpBdC9VbWpZb3Fxb0o4SEtIdXF1ckRaUmVwa05qUXdwV3pmZndZZ0xaNk42SisyVUlPdlZ0TDZEcU5rCk1HSXdEZ1lEVlIwUEFRSC9CQVFEQWdlQU1CMEdBMVVkSlFRV01CUUdDQ3NHQVFVRkJ3TUNCZ2dyQmdFRkJRY0QKQVRBTUJnTlZIUk1CQWY4RUFqQUFNQ01HQTFVZEVRUWNNQnFHR0hOd2FXWm1aVG92TDJWNFlXMXdiR1V1WTI5dApMMjl3WVRBS0JnZ3Foa2pPUFFRREFnTkpBREJHQWlFQXlRNDhPd25lTHkzMjZqYitEUjd5RjJhcS94Wnl1cW9qCitUU3ZLVVB5NEU0Q0lRQ0VMUlp3K0dWTjhJR0drVGV4MGxxTDNxY21mWldJbm15VitrbnQ0d3p3L3c9PQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg=="))).get(0);
    assertEquals(Json.parse("[\"spiffe://example.com/opa\"]"), c.get("URIStrings"));
    assertEquals(NumberValue.of(3), c.get("PublicKeyAlgorithm"));
  }
}
