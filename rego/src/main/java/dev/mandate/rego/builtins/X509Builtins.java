package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.SetValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OPA's {@code crypto.x509} certificate built-ins. Certificates are read by the JDK's X.509
 * factory and chains verified by its PKIX path builder (revocation off, as Go does not check
 * it), with Go's extended-key-usage rule applied on top (default: server authentication).
 */
final class X509Builtins {
  private static final ArrayValue UNVERIFIED = ArrayValue.of(BooleanValue.FALSE, ArrayValue.EMPTY);

  /** OPA's names for Go's x509.ExtKeyUsage values, for the KeyUsages option. */
  private static final Map<String, Integer> KEY_USAGE_OPTIONS = Map.ofEntries(
      Map.entry("KeyUsageAny", 0), Map.entry("KeyUsageServerAuth", 1), Map.entry("KeyUsageClientAuth", 2),
      Map.entry("KeyUsageCodeSigning", 3), Map.entry("KeyUsageEmailProtection", 4),
      Map.entry("KeyUsageIPSECEndSystem", 5), Map.entry("KeyUsageIPSECTunnel", 6),
      Map.entry("KeyUsageIPSECUser", 7), Map.entry("KeyUsageTimeStamping", 8),
      Map.entry("KeyUsageOCSPSigning", 9), Map.entry("KeyUsageMicrosoftServerGatedCrypto", 10),
      Map.entry("KeyUsageNetscapeServerGatedCrypto", 11),
      Map.entry("KeyUsageMicrosoftCommercialCodeSigning", 12),
      Map.entry("KeyUsageMicrosoftKernelCodeSigning", 13));

  private X509Builtins() {}

  static void register(BuiltinRegistry r) {
    r.function("crypto.x509.parse_certificates", 1, (ctx, a) -> {
      List<X509Certificate> certs = certificates(Args.string(a, 0));
      return certificatesJson(certs, true);
    });
    r.function("crypto.x509.parse_and_verify_certificates", 1, (ctx, a) -> {
      String input = Args.string(a, 0);
      List<X509Certificate> certs;
      try {
        certs = certificates(input);
      } catch (BuiltinException e) {
        return UNVERIFIED;
      }
      List<X509Certificate> chain = verifyChain(certs, new VerifyOptions(null, ctx.nowNanos(), List.of()));
      return chain == null ? UNVERIFIED : ArrayValue.of(BooleanValue.TRUE, certificatesJson(chain, true));
    });
    r.function("crypto.x509.parse_and_verify_certificates_with_options", 2, (ctx, a) -> {
      String input = Args.string(a, 0);
      ObjectValue options = Args.object(a, 1);
      List<X509Certificate> certs;
      try {
        certs = certificates(input);
      } catch (BuiltinException e) {
        return UNVERIFIED;
      }
      VerifyOptions opts = VerifyOptions.parse(options, ctx.nowNanos());
      List<X509Certificate> chain = verifyChain(certs, opts);
      // OPA returns the plain certificates here, without the URIStrings it adds elsewhere.
      return chain == null ? UNVERIFIED : ArrayValue.of(BooleanValue.TRUE, certificatesJson(chain, false));
    });
    r.function("crypto.x509.parse_certificate_request", 1, (ctx, a) -> certificateRequest(Args.string(a, 0)));
    r.function("crypto.x509.parse_keypair", 2, (ctx, a) -> keyPair(Args.string(a, 0), Args.string(a, 1)));
  }

  private static ArrayValue certificatesJson(List<X509Certificate> certs, boolean withUriStrings) {
    List<Value> out = new ArrayList<>(certs.size());
    for (X509Certificate c : certs) {
      ObjectValue o = X509Json.certificate(c);
      out.add(withUriStrings ? o : without(o, "URIStrings"));
    }
    return ArrayValue.of(out);
  }

  private static ObjectValue without(ObjectValue o, String key) {
    ObjectValue.Builder b = ObjectValue.builder();
    o.forEach((k, v) -> {
      if (!k.equals(StringValue.of(key))) {
        b.put(k, v);
      }
    });
    return b.build();
  }

  /**
   * OPA's reading of certificate input: PEM, or base64 of DER, or base64 of PEM. Every PEM
   * block must be a certificate.
   */
  static List<X509Certificate> certificates(String input) {
    if (input.startsWith("-----BEGIN")) {
      return fromPem(input);
    }
    byte[] decoded = base64Std(input);
    if (startsWith(decoded, "-----BEGIN")) {
      return fromPem(new String(decoded, StandardCharsets.UTF_8));
    }
    return parseDer(decoded);
  }

  private static List<X509Certificate> fromPem(String pem) {
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    for (Pem.Block b : Pem.decodeAll(pem)) {
      if (!b.type().equals("CERTIFICATE")) {
        throw BuiltinException.error("PEM block type is '" + b.type() + "', expected CERTIFICATE");
      }
      der.writeBytes(b.bytes());
    }
    return parseDer(der.toByteArray());
  }

  /** Concatenated DER certificates, as Go's x509.ParseCertificates reads them. */
  private static List<X509Certificate> parseDer(byte[] der) {
    List<X509Certificate> certs = new ArrayList<>();
    try {
      for (Der.Element e : Der.readAll(der)) {
        certs.add(JwtKeys.certificate(e.encoded()));
      }
    } catch (CertificateException | Der.DerException e) {
      throw BuiltinException.error("x509: malformed certificate: " + JwtKeys.message(e));
    }
    return certs;
  }

  // ---- chain verification -----------------------------------------------------------------

  /** Options of parse_and_verify_certificates_with_options, as Go's x509.VerifyOptions. */
  record VerifyOptions(String dnsName, long nowNanos, List<Integer> keyUsages) {
    static VerifyOptions parse(ObjectValue options, long defaultNow) {
      String dns = null;
      long now = defaultNow;
      List<Integer> usages = new ArrayList<>();
      for (Value k : options.keys()) {
        if (!(k instanceof StringValue key)) {
          continue;
        }
        Value v = options.get(k);
        switch (key.value()) {
          case "DNSName" -> {
            if (!(v instanceof StringValue s)) {
              throw BuiltinException.error("'DNSName' should be a string");
            }
            dns = trimQuotes(s.value());
          }
          case "CurrentTime" -> {
            if (!(v instanceof NumberValue n)) {
              throw BuiltinException.error("'CurrentTime' should be a number");
            }
            if (!n.isLong()) {
              throw BuiltinException.error("'CurrentTime' should be a valid int64 number");
            }
            now = n.longValue();
          }
          case "MaxConstraintComparisons" -> {
            if (!(v instanceof NumberValue n)) {
              throw BuiltinException.error("'MaxConstraintComparisons' should be a number");
            }
            if (n.intValueExact().isEmpty()) {
              throw BuiltinException.error("'MaxConstraintComparisons' should be a valid number");
            }
            // Accepted for compatibility; the JDK's PKIX builder has no such limit to set.
          }
          case "KeyUsages" -> {
            Iterable<Value> items = switch (v) {
              case ArrayValue a -> a;
              case SetValue s -> Arrays.asList(s.sortedElements());
              default -> throw BuiltinException.error("'KeyUsages' should be an Array or Set");
            };
            List<String> invalid = new ArrayList<>();
            for (Value item : items) {
              if (item instanceof StringValue s) {
                String name = trimQuotes(s.value());
                Integer usage = KEY_USAGE_OPTIONS.get(name);
                if (usage == null) {
                  invalid.add(name);
                } else {
                  usages.add(usage);
                }
              }
            }
            if (!invalid.isEmpty()) {
              throw BuiltinException.error("invalid entries for 'KeyUsages' found: [" + String.join(" ", invalid) + "]");
            }
          }
          default -> throw BuiltinException.error("invalid key option");
        }
      }
      return new VerifyOptions(dns, now, List.copyOf(usages));
    }

    private static String trimQuotes(String s) {
      int b = 0;
      int e = s.length();
      while (b < e && s.charAt(b) == '"') {
        b++;
      }
      while (e > b && s.charAt(e - 1) == '"') {
        e--;
      }
      return s.substring(b, e);
    }
  }

  /**
   * OPA's chain rule: the first certificate is the root, the last the leaf, the rest
   * intermediates. Returns the verified chain, leaf first, or null.
   */
  static List<X509Certificate> verifyChain(List<X509Certificate> certs, VerifyOptions opts) {
    if (certs.size() < 2) {
      return null;
    }
    X509Certificate root = certs.get(0);
    X509Certificate leaf = certs.get(certs.size() - 1);
    try {
      X509CertSelector target = new X509CertSelector();
      target.setCertificate(leaf);
      PKIXBuilderParameters params = new PKIXBuilderParameters(Set.of(new TrustAnchor(root, null)), target);
      params.setRevocationEnabled(false);
      params.setDate(new Date(Math.floorDiv(opts.nowNanos(), 1_000_000L)));
      params.addCertStore(CertStore.getInstance("Collection",
          new CollectionCertStoreParameters(new LinkedHashSet<>(certs.subList(1, certs.size())))));
      PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate c : result.getCertPath().getCertificates()) {
        chain.add((X509Certificate) c);
      }
      chain.add(result.getTrustAnchor().getTrustedCert());
      if (!extKeyUsageAllowed(chain, opts.keyUsages().isEmpty() ? List.of(1) : opts.keyUsages())) {
        return null;
      }
      if (opts.dnsName() != null && !opts.dnsName().isEmpty() && !hostnameMatches(leaf, opts.dnsName())) {
        return null;
      }
      return chain;
    } catch (GeneralSecurityException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Go's rule: walking from the root down, a certificate that lists extended key usages
   * (without "any") removes the requested usages it does not list; at least one must remain.
   */
  private static boolean extKeyUsageAllowed(List<X509Certificate> chain, List<Integer> requested) {
    if (requested.contains(0)) {
      return true;
    }
    List<Integer> remaining = new ArrayList<>(requested);
    for (int i = chain.size() - 1; i >= 0; i--) {
      List<String> eku;
      try {
        eku = chain.get(i).getExtendedKeyUsage();
      } catch (CertificateException e) {
        return false;
      }
      if (eku == null || eku.isEmpty() || eku.contains("2.5.29.37.0")) {
        continue;
      }
      remaining.removeIf(usage -> !eku.contains(EKU_OIDS.get(usage)));
      if (remaining.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  private static final Map<Integer, String> EKU_OIDS = Map.ofEntries(
      Map.entry(1, "1.3.6.1.5.5.7.3.1"), Map.entry(2, "1.3.6.1.5.5.7.3.2"), Map.entry(3, "1.3.6.1.5.5.7.3.3"),
      Map.entry(4, "1.3.6.1.5.5.7.3.4"), Map.entry(5, "1.3.6.1.5.5.7.3.5"), Map.entry(6, "1.3.6.1.5.5.7.3.6"),
      Map.entry(7, "1.3.6.1.5.5.7.3.7"), Map.entry(8, "1.3.6.1.5.5.7.3.8"), Map.entry(9, "1.3.6.1.5.5.7.3.9"),
      Map.entry(10, "1.3.6.1.4.1.311.10.3.3"), Map.entry(11, "2.16.840.1.113730.4.1"),
      Map.entry(12, "1.3.6.1.4.1.311.2.1.22"), Map.entry(13, "1.3.6.1.4.1.311.61.1.1"));

  /** Go's VerifyHostname: IP SANs for an IP, else DNS SANs with a leftmost-label wildcard. */
  private static boolean hostnameMatches(X509Certificate leaf, String host) throws CertificateException {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    var sans = leaf.getSubjectAlternativeNames();
    if (sans == null) {
      return false;
    }
    boolean isIp = h.matches("[0-9.]+") || h.contains(":");
    String want = h.toLowerCase(Locale.ROOT);
    if (want.endsWith(".")) {
      want = want.substring(0, want.length() - 1);
    }
    for (List<?> san : sans) {
      int type = (Integer) san.get(0);
      String value = String.valueOf(san.get(1));
      if (isIp && type == 7) {
        try {
          if (Arrays.equals(java.net.InetAddress.getByName(value).getAddress(),
              java.net.InetAddress.getByName(h).getAddress())) {
            return true;
          }
        } catch (java.net.UnknownHostException e) {
          // not an address; no match
        }
      } else if (!isIp && type == 2 && dnsMatches(value.toLowerCase(Locale.ROOT), want)) {
        return true;
      }
    }
    return false;
  }

  private static boolean dnsMatches(String pattern, String host) {
    if (pattern.endsWith(".")) {
      pattern = pattern.substring(0, pattern.length() - 1);
    }
    if (pattern.startsWith("*.")) {
      int dot = host.indexOf('.');
      return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }
    return pattern.equals(host);
  }

  // ---- CSR and key pair -------------------------------------------------------------------

  private static Value certificateRequest(String input) {
    byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
    if (!input.startsWith("-----BEGIN CERTIFICATE REQUEST-----")) {
      bytes = base64Std(input);
    }
    var block = Pem.decode(new String(bytes, StandardCharsets.ISO_8859_1));
    if (block.isPresent()) {
      if (!block.get().type().equals("CERTIFICATE REQUEST")) {
        throw BuiltinException.error("invalid PEM-encoded certificate signing request");
      }
      bytes = block.get().bytes();
    }
    return X509Json.certificateRequest(bytes);
  }

  /** Go's tls.X509KeyPair as JSON: the chain, the private key, and the parsed leaf. */
  private static Value keyPair(String certInput, String keyInput) {
    String certPem = certInput;
    if (!certPem.startsWith("-----BEGIN ")) {
      byte[] der = base64Std(certPem);
      certPem = startsWith(der, "-----BEGIN ") ? new String(der, StandardCharsets.UTF_8)
          : "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE-----\n";
    }
    String keyPem = keyInput;
    if (!keyPem.startsWith("-----BEGIN ")) {
      byte[] der = base64Std(keyPem);
      keyPem = startsWith(der, "-----BEGIN") ? new String(der, StandardCharsets.UTF_8)
          : "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }
    List<byte[]> chain = new ArrayList<>();
    for (Pem.Block b : Pem.decodeAll(certPem)) {
      if (b.type().equals("CERTIFICATE")) {
        chain.add(b.bytes());
      }
    }
    if (chain.isEmpty()) {
      throw BuiltinException.error("tls: failed to find any PEM data in certificate input");
    }
    PrivateKeyBuiltins.KeyPair key = null;
    for (Pem.Block b : Pem.decodeAll(keyPem)) {
      if (b.type().equals("PRIVATE KEY") || b.type().endsWith(" PRIVATE KEY")) {
        key = parseAnyPrivateKey(b.bytes());
        break;
      }
    }
    if (key == null) {
      throw BuiltinException.error("tls: failed to find any PEM data in key input");
    }
    X509Certificate leaf;
    try {
      leaf = JwtKeys.certificate(chain.get(0));
    } catch (CertificateException e) {
      throw BuiltinException.error("x509: malformed certificate: " + JwtKeys.message(e));
    }
    checkKeyMatches(leaf.getPublicKey(), key.publicKey());
    List<Value> raw = new ArrayList<>();
    for (byte[] c : chain) {
      raw.add(X509Json.b64(c));
    }
    return ObjectValue.builder()
        .put("Certificate", ArrayValue.of(raw))
        .put("PrivateKey", PrivateKeyBuiltins.goJson(key))
        .put("SupportedSignatureAlgorithms", NullValue.INSTANCE)
        .put("OCSPStaple", NullValue.INSTANCE)
        .put("SignedCertificateTimestamps", NullValue.INSTANCE)
        .put("Leaf", without(X509Json.certificate(leaf), "URIStrings"))
        .build();
  }

  /** As Go's tls package: PKCS#1, then PKCS#8, then SEC 1. */
  private static PrivateKeyBuiltins.KeyPair parseAnyPrivateKey(byte[] der) {
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return switch (attempt) {
          case 0 -> PrivateKeyBuiltins.pkcs1(der);
          case 1 -> PrivateKeyBuiltins.pkcs8(der);
          default -> PrivateKeyBuiltins.sec1(der);
        };
      } catch (BuiltinException e) {
        // try the next format
      }
    }
    throw BuiltinException.error("tls: failed to parse private key");
  }

  private static void checkKeyMatches(PublicKey certKey, PublicKey privateKeysPublic) {
    if (privateKeysPublic == null) {
      return;
    }
    if (!certKey.getAlgorithm().equals(privateKeysPublic.getAlgorithm())
        && !(certKey instanceof RSAPublicKey && privateKeysPublic instanceof RSAPublicKey)) {
      throw BuiltinException.error("tls: private key type does not match public key type");
    }
    boolean same = switch (certKey) {
      case RSAPublicKey r when privateKeysPublic instanceof RSAPublicKey p -> r.getModulus().equals(p.getModulus());
      case ECPublicKey e when privateKeysPublic instanceof ECPublicKey p -> e.getW().equals(p.getW());
      default -> Arrays.equals(certKey.getEncoded(), privateKeysPublic.getEncoded());
    };
    if (!same) {
      throw BuiltinException.error("tls: private key does not match public key");
    }
  }

  // ---- base64 as Go's StdEncoding ---------------------------------------------------------

  /** Go's base64.StdEncoding.DecodeString: CR/LF ignored, padding required. */
  static byte[] base64Std(String s) {
    String clean = s.replace("\r", "").replace("\n", "");
    try {
      return Base64.getDecoder().decode(clean);
    } catch (IllegalArgumentException e) {
      throw BuiltinException.error("illegal base64 data at input byte " + firstBadBase64(s));
    }
  }

  static byte[] base64StdOrNull(String s) {
    try {
      return base64Std(s);
    } catch (BuiltinException e) {
      return null;
    }
  }

  private static int firstBadBase64(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=' || c == '\r' || c == '\n';
      if (!ok) {
        return i;
      }
    }
    return s.length();
  }

  private static boolean startsWith(byte[] data, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.US_ASCII);
    return data.length >= p.length && Arrays.equals(Arrays.copyOf(data, p.length), p);
  }
}
