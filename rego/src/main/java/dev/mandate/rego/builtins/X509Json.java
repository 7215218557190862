package dev.mandate.rego.builtins;

import dev.mandate.rego.value.ArrayValue;
import dev.mandate.rego.value.BooleanValue;
import dev.mandate.rego.value.NullValue;
import dev.mandate.rego.value.NumberValue;
import dev.mandate.rego.value.ObjectValue;
import dev.mandate.rego.value.StringValue;
import dev.mandate.rego.value.Value;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.AlgorithmParameters;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Certificates and CSRs as the objects OPA returns: Go's {@code x509.Certificate} marshalled
 * to JSON (field names, Go's enum numbers, byte slices as base64, big integers as numbers,
 * nil slices as null), built from the DER structure.
 *
 * <p>Known gaps: name constraints (the {@code Permitted*}/{@code Excluded*} fields) are always
 * null/false; policy mapping and inhibit fields are always zero; {@code RawPath} and
 * {@code RawFragment} of URIs are always "".
 */
final class X509Json {
  private static final Base64.Encoder B64 = Base64.getEncoder();

  /** Extensions Go's parser understands; other critical ones are "unhandled". */
  private static final Set<String> HANDLED_EXTENSIONS = Set.of("2.5.29.15", "2.5.29.19", "2.5.29.17",
      "2.5.29.30", "2.5.29.31", "2.5.29.35", "2.5.29.37", "2.5.29.14", "2.5.29.32", "1.3.6.1.5.5.7.1.1",
      "2.5.29.33", "2.5.29.36", "2.5.29.54");

  private static final Map<String, Integer> EXT_KEY_USAGES = Map.ofEntries(
      Map.entry("2.5.29.37.0", 0), Map.entry("1.3.6.1.5.5.7.3.1", 1), Map.entry("1.3.6.1.5.5.7.3.2", 2),
      Map.entry("1.3.6.1.5.5.7.3.3", 3), Map.entry("1.3.6.1.5.5.7.3.4", 4), Map.entry("1.3.6.1.5.5.7.3.5", 5),
      Map.entry("1.3.6.1.5.5.7.3.6", 6), Map.entry("1.3.6.1.5.5.7.3.7", 7), Map.entry("1.3.6.1.5.5.7.3.8", 8),
      Map.entry("1.3.6.1.5.5.7.3.9", 9), Map.entry("1.3.6.1.4.1.311.10.3.3", 10),
      Map.entry("2.16.840.1.113730.4.1", 11), Map.entry("1.3.6.1.4.1.311.2.1.22", 12),
      Map.entry("1.3.6.1.4.1.311.61.1.1", 13));

  private static final Map<String, Integer> SIGNATURE_ALGORITHMS = Map.ofEntries(
      Map.entry("1.2.840.113549.1.1.2", 1), Map.entry("1.2.840.113549.1.1.4", 2),
      Map.entry("1.2.840.113549.1.1.5", 3), Map.entry("1.2.840.113549.1.1.11", 4),
      Map.entry("1.2.840.113549.1.1.12", 5), Map.entry("1.2.840.113549.1.1.13", 6),
      Map.entry("1.2.840.10040.4.3", 7), Map.entry("2.16.840.1.101.3.4.3.2", 8),
      Map.entry("1.2.840.10045.4.1", 9), Map.entry("1.2.840.10045.4.3.2", 10),
      Map.entry("1.2.840.10045.4.3.3", 11), Map.entry("1.2.840.10045.4.3.4", 12),
      Map.entry("1.3.101.112", 16));

  private X509Json() {}

  /** Go's x509.Certificate JSON for {@code cert}, plus OPA's {@code URIStrings}. */
  static ObjectValue certificate(X509Certificate cert) {
    try {
      return certificate0(cert);
    } catch (Der.DerException | java.security.cert.CertificateException e) {
      throw BuiltinException.error("x509: malformed certificate: " + e.getMessage());
    }
  }

  private static ObjectValue certificate0(X509Certificate cert) throws java.security.cert.CertificateException {
    byte[] raw = cert.getEncoded();
    List<Der.Element> top = Der.read(raw).children();
    Der.Element tbs = top.get(0);
    List<Der.Element> t = tbs.children();
    int i = t.get(0).isContext(0) ? 1 : 0;
    Der.Element issuer = t.get(i + 2);
    Der.Element subject = t.get(i + 4);
    Der.Element spki = t.get(i + 5);
    List<Der.Element> extensions = List.of();
    for (int k = i + 6; k < t.size(); k++) {
      if (t.get(k).isContext(3)) {
        extensions = t.get(k).children().get(0).children();
      }
    }

    ObjectValue.Builder o = ObjectValue.builder();
    o.put("Raw", b64(raw));
    o.put("RawTBSCertificate", b64(tbs.encoded()));
    o.put("RawSubjectPublicKeyInfo", b64(spki.encoded()));
    o.put("RawSubject", b64(subject.encoded()));
    o.put("RawIssuer", b64(issuer.encoded()));
    o.put("Signature", b64(top.get(2).bits()));
    o.put("SignatureAlgorithm", NumberValue.of(signatureAlgorithm(cert.getSigAlgOID(), cert.getSigAlgParams())));
    o.put("PublicKeyAlgorithm", NumberValue.of(publicKeyAlgorithm(cert.getPublicKey())));
    o.put("PublicKey", publicKey(cert.getPublicKey()));
    o.put("Version", NumberValue.of(cert.getVersion()));
    o.put("SerialNumber", NumberValue.of(cert.getSerialNumber()));
    o.put("Issuer", name(issuer));
    o.put("Subject", name(subject));
    o.put("NotBefore", StringValue.of(cert.getNotBefore().toInstant().toString()));
    o.put("NotAfter", StringValue.of(cert.getNotAfter().toInstant().toString()));
    List<Value> uriStrings = putExtensions(o, extensions, true);
    o.put("URIStrings", nullIfEmpty(uriStrings));
    return o.build();
  }

  /** Go's x509.CertificateRequest JSON (without OPA's URIStrings, as OPA does). */
  static ObjectValue certificateRequest(byte[] der) {
    try {
      List<Der.Element> top = Der.read(der).children();
      Der.Element info = top.get(0);
      List<Der.Element> c = info.children();
      Der.Element subject = c.get(1);
      Der.Element spki = c.get(2);
      ObjectValue.Builder o = ObjectValue.builder();
      o.put("Raw", b64(der));
      o.put("RawTBSCertificateRequest", b64(info.encoded()));
      o.put("RawSubjectPublicKeyInfo", b64(spki.encoded()));
      o.put("RawSubject", b64(subject.encoded()));
      o.put("Version", NumberValue.of(c.get(0).integer()));
      o.put("Signature", b64(top.get(2).bits()));
      List<Der.Element> alg = top.get(1).children();
      byte[] params = alg.size() > 1 ? alg.get(1).encoded() : null;
      o.put("SignatureAlgorithm", NumberValue.of(signatureAlgorithm(Der.oidString(alg.get(0).oid()), params)));
      PublicKey key = null;
      try {
        key = JwtKeys.pkixPublicKey(spki.encoded());
      } catch (java.security.GeneralSecurityException e) {
        // Go reports unknown key types as algorithm 0 with a nil key.
      }
      o.put("PublicKeyAlgorithm", NumberValue.of(key == null ? 0 : publicKeyAlgorithm(key)));
      o.put("PublicKey", key == null ? NullValue.INSTANCE : publicKey(key));
      o.put("Subject", name(subject));
      List<Value> attributes = new ArrayList<>();
      List<Der.Element> requested = List.of();
      if (c.size() > 3 && c.get(3).isContext(0)) {
        for (Der.Element attr : Der.readAll(c.get(3).content())) {
          List<Der.Element> a = attr.children();
          int[] type = a.get(0).oid();
          List<Value> sets = new ArrayList<>();
          for (Der.Element v : a.get(1).children()) {
            List<Value> atvs = new ArrayList<>();
            if (v.tag() == Der.SEQUENCE) {
              for (Der.Element atv : v.children()) {
                if (atv.tag() == Der.SEQUENCE && !atv.children().isEmpty() && atv.children().get(0).tag() == Der.OID) {
                  List<Der.Element> parts = atv.children();
                  atvs.add(ObjectValue.builder().put("Type", oid(parts.get(0).oid()))
                      .put("Value", parts.size() > 1 ? asn1Value(parts.get(1)) : NullValue.INSTANCE).build());
                }
              }
            }
            sets.add(ArrayValue.of(atvs));
          }
          attributes.add(ObjectValue.builder().put("Type", oid(type)).put("Value", ArrayValue.of(sets)).build());
          if (Der.oidString(type).equals("1.2.840.113549.1.9.14") && !a.get(1).children().isEmpty()) {
            requested = a.get(1).children().get(0).children();
          }
        }
      }
      o.put("Attributes", attributes.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(attributes));
      putExtensions(o, requested, false);
      return o.build();
    } catch (Der.DerException | IndexOutOfBoundsException e) {
      throw BuiltinException.error("x509: malformed certificate request");
    }
  }

  /**
   * Puts the fields that come from extensions; certificate-only fields when
   * {@code certificate}. Returns the subject alternative name URIs as text.
   */
  private static List<Value> putExtensions(ObjectValue.Builder o, List<Der.Element> extensions, boolean certificate) {
    List<Value> exts = new ArrayList<>();
    List<Value> unhandled = new ArrayList<>();
    int keyUsage = 0;
    List<Value> extKeyUsage = new ArrayList<>();
    List<Value> unknownExtKeyUsage = new ArrayList<>();
    boolean basicValid = false;
    boolean isCa = false;
    int maxPathLen = 0;
    Value ski = NullValue.INSTANCE;
    Value aki = NullValue.INSTANCE;
    List<Value> ocsp = new ArrayList<>();
    List<Value> issuingUrls = new ArrayList<>();
    List<Value> dns = new ArrayList<>();
    List<Value> emails = new ArrayList<>();
    List<Value> ips = new ArrayList<>();
    List<Value> uris = new ArrayList<>();
    List<Value> uriStrings = new ArrayList<>();
    List<Value> crlDps = new ArrayList<>();
    List<Value> policyIds = new ArrayList<>();
    List<Value> policies = new ArrayList<>();
    for (Der.Element ext : extensions) {
      List<Der.Element> p = ext.children();
      int[] id = p.get(0).oid();
      boolean critical = p.size() == 3 && p.get(1).tag() == Der.BOOLEAN && p.get(1).content()[0] != 0;
      byte[] value = p.get(p.size() - 1).content();
      exts.add(ObjectValue.builder().put("Id", oid(id)).put("Critical", BooleanValue.of(critical))
          .put("Value", b64(value)).build());
      String ids = Der.oidString(id);
      if (critical && !HANDLED_EXTENSIONS.contains(ids)) {
        unhandled.add(oid(id));
      }
      Der.Element v = Der.read(value);
      switch (ids) {
        case "2.5.29.15" -> {
          byte[] bits = v.bits();
          for (int b = 0; b < bits.length * 8 && b < 32; b++) {
            if ((bits[b / 8] & (0x80 >> (b % 8))) != 0) {
              keyUsage |= 1 << b;
            }
          }
        }
        case "2.5.29.19" -> {
          basicValid = true;
          maxPathLen = -1;
          for (Der.Element e : v.children()) {
            if (e.tag() == Der.BOOLEAN) {
              isCa = e.content()[0] != 0;
            } else if (e.tag() == Der.INTEGER) {
              maxPathLen = e.integer().intValue();
            }
          }
        }
        case "2.5.29.17" -> generalNames(v.children(), dns, emails, ips, uris, uriStrings);
        case "2.5.29.37" -> {
          for (Der.Element e : v.children()) {
            Integer known = EXT_KEY_USAGES.get(Der.oidString(e.oid()));
            if (known != null) {
              extKeyUsage.add(NumberValue.of(known));
            } else {
              unknownExtKeyUsage.add(oid(e.oid()));
            }
          }
        }
        case "2.5.29.14" -> ski = b64(v.content());
        case "2.5.29.35" -> {
          for (Der.Element e : v.children()) {
            if (e.isContext(0)) {
              aki = b64(e.content());
            }
          }
        }
        case "1.3.6.1.5.5.7.1.1" -> {
          for (Der.Element ad : v.children()) {
            List<Der.Element> parts = ad.children();
            String method = Der.oidString(parts.get(0).oid());
            if (parts.get(1).isContext(6)) {
              StringValue url = StringValue.of(parts.get(1).text());
              if (method.equals("1.3.6.1.5.5.7.48.1")) {
                ocsp.add(url);
              } else if (method.equals("1.3.6.1.5.5.7.48.2")) {
                issuingUrls.add(url);
              }
            }
          }
        }
        case "2.5.29.31" -> {
          for (Der.Element dp : v.children()) {
            for (Der.Element f : dp.children()) {
              if (f.isContext(0)) {
                for (Der.Element fullName : Der.readAll(f.content())) {
                  if (fullName.isContext(0)) {
                    for (Der.Element gn : Der.readAll(fullName.content())) {
                      if (gn.isContext(6)) {
                        crlDps.add(StringValue.of(gn.text()));
                      }
                    }
                  }
                }
              }
            }
          }
        }
        case "2.5.29.32" -> {
          for (Der.Element pi : v.children()) {
            int[] policy = pi.children().get(0).oid();
            policyIds.add(oid(policy));
            policies.add(StringValue.of(Der.oidString(policy)));
          }
        }
        default -> { }
      }
    }
    o.put("Extensions", nullIfEmpty(exts));
    o.put("ExtraExtensions", NullValue.INSTANCE);
    o.put("DNSNames", nullIfEmpty(dns));
    o.put("EmailAddresses", nullIfEmpty(emails));
    o.put("IPAddresses", nullIfEmpty(ips));
    o.put("URIs", nullIfEmpty(uris));
    if (!certificate) {
      return uriStrings;
    }
    o.put("UnhandledCriticalExtensions", nullIfEmpty(unhandled));
    o.put("KeyUsage", NumberValue.of(keyUsage));
    o.put("ExtKeyUsage", nullIfEmpty(extKeyUsage));
    o.put("UnknownExtKeyUsage", nullIfEmpty(unknownExtKeyUsage));
    o.put("BasicConstraintsValid", BooleanValue.of(basicValid));
    o.put("IsCA", BooleanValue.of(isCa));
    o.put("MaxPathLen", NumberValue.of(maxPathLen));
    o.put("MaxPathLenZero", BooleanValue.of(basicValid && maxPathLen == 0));
    o.put("SubjectKeyId", ski);
    o.put("AuthorityKeyId", aki);
    o.put("OCSPServer", nullIfEmpty(ocsp));
    o.put("IssuingCertificateURL", nullIfEmpty(issuingUrls));
    o.put("CRLDistributionPoints", nullIfEmpty(crlDps));
    o.put("PolicyIdentifiers", nullIfEmpty(policyIds));
    o.put("Policies", nullIfEmpty(policies));
    o.put("PermittedDNSDomainsCritical", BooleanValue.FALSE);
    for (String f : List.of("PermittedDNSDomains", "ExcludedDNSDomains", "PermittedIPRanges", "ExcludedIPRanges",
        "PermittedEmailAddresses", "ExcludedEmailAddresses", "PermittedURIDomains", "ExcludedURIDomains",
        "PolicyMappings")) {
      o.put(f, NullValue.INSTANCE);
    }
    for (String f : List.of("InhibitAnyPolicy", "InhibitPolicyMapping", "RequireExplicitPolicy")) {
      o.put(f, NumberValue.ZERO);
      o.put(f + "Zero", BooleanValue.FALSE);
    }
    return uriStrings;
  }

  private static void generalNames(List<Der.Element> names, List<Value> dns, List<Value> emails,
      List<Value> ips, List<Value> uris, List<Value> uriStrings) {
    for (Der.Element gn : names) {
      if (gn.isContext(1)) {
        emails.add(StringValue.of(gn.text()));
      } else if (gn.isContext(2)) {
        dns.add(StringValue.of(gn.text()));
      } else if (gn.isContext(6)) {
        uris.add(uri(gn.text()));
        uriStrings.add(StringValue.of(gn.text()));
      } else if (gn.isContext(7)) {
        ips.add(StringValue.of(GoIp.format(gn.content())));
      }
    }
  }

  /** Go's url.URL as JSON. */
  private static Value uri(String text) {
    ObjectValue.Builder u = ObjectValue.builder();
    String scheme = "";
    String opaque = "";
    String host = "";
    String path = "";
    String query = "";
    String fragment = "";
    Value user = NullValue.INSTANCE;
    try {
      URI parsed = new URI(text);
      scheme = parsed.getScheme() == null ? "" : parsed.getScheme();
      if (parsed.isOpaque()) {
        opaque = parsed.getRawSchemeSpecificPart();
      } else {
        host = parsed.getRawAuthority() == null ? "" : parsed.getRawAuthority();
        if (parsed.getRawUserInfo() != null) {
          host = host.substring(parsed.getRawUserInfo().length() + 1);
          user = ObjectValue.EMPTY;
        }
        path = parsed.getPath() == null ? "" : parsed.getPath();
      }
      query = parsed.getRawQuery() == null ? "" : parsed.getRawQuery();
      fragment = parsed.getFragment() == null ? "" : parsed.getFragment();
    } catch (URISyntaxException e) {
      path = text;
    }
    return u.put("Scheme", StringValue.of(scheme)).put("Opaque", StringValue.of(opaque)).put("User", user)
        .put("Host", StringValue.of(host)).put("Path", StringValue.of(path)).put("RawPath", StringValue.EMPTY)
        .put("OmitHost", BooleanValue.FALSE).put("ForceQuery", BooleanValue.FALSE)
        .put("RawQuery", StringValue.of(query)).put("Fragment", StringValue.of(fragment))
        .put("RawFragment", StringValue.EMPTY).build();
  }

  /** Go's pkix.Name from a DER Name, attributes in certificate order. */
  static ObjectValue name(Der.Element rdnSequence) {
    List<Value> names = new ArrayList<>();
    Map<Integer, List<Value>> multi = new java.util.HashMap<>();
    String commonName = "";
    String serial = "";
    for (Der.Element rdn : rdnSequence.children()) {
      for (Der.Element atv : rdn.children()) {
        List<Der.Element> p = atv.children();
        int[] type = p.get(0).oid();
        Value value = asn1Value(p.get(1));
        names.add(ObjectValue.builder().put("Type", oid(type)).put("Value", value).build());
        if (!(value instanceof StringValue s)) {
          continue;
        }
        if (type.length == 4 && type[0] == 2 && type[1] == 5 && type[2] == 4) {
          switch (type[3]) {
            case 3 -> commonName = s.value();
            case 5 -> serial = s.value();
            case 6, 7, 8, 9, 10, 11, 17 -> multi.computeIfAbsent(type[3], k -> new ArrayList<>()).add(s);
            default -> { }
          }
        }
      }
    }
    return ObjectValue.builder()
        .put("Country", nullIfEmpty(multi.getOrDefault(6, List.of())))
        .put("Organization", nullIfEmpty(multi.getOrDefault(10, List.of())))
        .put("OrganizationalUnit", nullIfEmpty(multi.getOrDefault(11, List.of())))
        .put("Locality", nullIfEmpty(multi.getOrDefault(7, List.of())))
        .put("Province", nullIfEmpty(multi.getOrDefault(8, List.of())))
        .put("StreetAddress", nullIfEmpty(multi.getOrDefault(9, List.of())))
        .put("PostalCode", nullIfEmpty(multi.getOrDefault(17, List.of())))
        .put("SerialNumber", StringValue.of(serial))
        .put("CommonName", StringValue.of(commonName))
        .put("Names", nullIfEmpty(names))
        .put("ExtraNames", NullValue.INSTANCE)
        .build();
  }

  /** An ASN.1 value as Go's asn1 package unmarshals it into an interface, then JSON. */
  private static Value asn1Value(Der.Element e) {
    return switch (e.tag()) {
      case 0x0C, 0x12, 0x13, 0x14, 0x16, 0x1A, 0x1C, 0x1E -> StringValue.of(e.text());
      case Der.INTEGER -> NumberValue.of(e.integer());
      case Der.BOOLEAN -> BooleanValue.of(e.content().length > 0 && e.content()[0] != 0);
      case Der.OID -> oid(e.oid());
      default -> b64(e.content());
    };
  }

  static int publicKeyAlgorithm(PublicKey key) {
    return switch (key) {
      case RSAPublicKey r -> 1;
      case java.security.interfaces.DSAPublicKey d -> 2;
      case ECPublicKey e -> 3;
      case EdECKey ed when "Ed25519".equals(ed.getParams().getName()) -> 4;
      default -> 0;
    };
  }

  /** Go's JSON of a public key: {@code {N, E}}, {@code {Curve, X, Y}} or Ed25519's raw bytes. */
  static Value publicKey(PublicKey key) {
    return switch (key) {
      case RSAPublicKey r -> ObjectValue.builder().put("N", NumberValue.of(r.getModulus()))
          .put("E", NumberValue.of(r.getPublicExponent())).build();
      case ECPublicKey e -> ObjectValue.builder().put("Curve", ObjectValue.EMPTY)
          .put("X", NumberValue.of(e.getW().getAffineX())).put("Y", NumberValue.of(e.getW().getAffineY())).build();
      case EdECKey ed when "Ed25519".equals(ed.getParams().getName()) -> {
        byte[] spki = key.getEncoded();
        yield b64(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
      }
      default -> NullValue.INSTANCE;
    };
  }

  static int signatureAlgorithm(String oid, byte[] params) {
    if (oid.equals("1.2.840.113549.1.1.10")) {
      try {
        AlgorithmParameters ap = AlgorithmParameters.getInstance("RSASSA-PSS");
        ap.init(params);
        String hash = ap.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm();
        return switch (hash) {
          case "SHA-256" -> 13;
          case "SHA-384" -> 14;
          case "SHA-512" -> 15;
          default -> 0;
        };
      } catch (java.security.GeneralSecurityException | java.io.IOException | RuntimeException e) {
        return 0;
      }
    }
    return SIGNATURE_ALGORITHMS.getOrDefault(oid, 0);
  }

  static ArrayValue oid(int[] oid) {
    Value[] arcs = new Value[oid.length];
    for (int i = 0; i < oid.length; i++) {
      arcs[i] = NumberValue.of(oid[i]);
    }
    return ArrayValue.of(arcs);
  }

  static StringValue b64(byte[] bytes) {
    return StringValue.of(B64.encodeToString(bytes));
  }

  private static Value nullIfEmpty(List<Value> values) {
    return values.isEmpty() ? NullValue.INSTANCE : ArrayValue.of(values);
  }
}
