package dev.mandate.sts.config;

import com.nimbusds.jose.jwk.JWKSet;
import dev.mandate.sts.client.AuthMethod;
import dev.mandate.sts.client.RegisteredClient;
import dev.mandate.sts.client.SecretHash;
import dev.mandate.sts.keys.SigningAlgorithm;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the STS's YAML configuration (see docs/sts.md). Unknown keys are errors, so a typo does
 * not silently fall back to a default; relative paths are resolved against the file's folder.
 */
public final class ConfigLoader {
  private static final Set<String> TOP = Set.of("issuer", "base_url", "host", "port",
      "event_loops", "environment", "max_ttl_seconds", "clock_skew_seconds", "max_token_bytes",
      "max_body_bytes", "signing", "client_assertion", "clients", "issuers", "pdp", "audit_file");

  private ConfigLoader() {}

  public static StsConfig load(Path file) throws IOException {
    Path base = file.toAbsolutePath().getParent();
    Object root = yaml().load(Files.readString(file));
    Map<String, Object> m = map(root == null ? Map.of() : root, "the configuration");
    return fromMap(m, base);
  }

  private static Yaml yaml() {
    LoaderOptions o = new LoaderOptions();
    o.setAllowDuplicateKeys(false);
    o.setMaxAliasesForCollections(10);
    return new Yaml(new SafeConstructor(o));
  }

  static StsConfig fromMap(Map<String, Object> m, Path base) {
    known(m, TOP, "");
    StsConfig d = StsConfig.defaults();
    Map<String, Object> signing = optMap(m, "signing");
    known(signing, Set.of("algorithm", "key_file", "rotation_interval_seconds"), "signing.");
    Map<String, Object> assertion = optMap(m, "client_assertion");
    known(assertion, Set.of("max_lifetime_seconds", "algorithms"), "client_assertion.");
    Map<String, Object> pdp = optMap(m, "pdp");
    known(pdp, Set.of("policies", "url", "timeout_ms", "retries", "decision_log"), "pdp.");
    Long rotation = optLong(signing, "rotation_interval_seconds");
    return new StsConfig(
        str(m, "issuer", d.issuer()),
        str(m, "base_url", null),
        str(m, "host", d.host()),
        (int) optLong(m, "port", d.port()),
        (int) optLong(m, "event_loops", d.eventLoops()),
        str(m, "environment", d.environment()),
        optLong(m, "max_ttl_seconds", d.maxTtlSeconds()),
        Duration.ofSeconds(optLong(m, "clock_skew_seconds", d.clockSkew().toSeconds())),
        (int) optLong(m, "max_token_bytes", d.maxTokenBytes()),
        (int) optLong(m, "max_body_bytes", d.maxBodyBytes()),
        Duration.ofSeconds(optLong(assertion, "max_lifetime_seconds",
            d.assertionMaxLifetime().toSeconds())),
        assertion.containsKey("algorithms") ? strings(assertion.get("algorithms"),
            "client_assertion.algorithms") : d.assertionAlgorithms(),
        SigningAlgorithm.parse(str(signing, "algorithm", "ES256")),
        path(base, str(signing, "key_file", null)),
        rotation == null ? null : Duration.ofSeconds(rotation),
        clients(optMap(m, "clients"), base),
        issuers(optMap(m, "issuers"), base),
        path(base, str(pdp, "policies", "policies")),
        pdp.containsKey("url") ? URI.create(str(pdp, "url", null)) : null,
        Duration.ofMillis(optLong(pdp, "timeout_ms", d.pdpTimeout().toMillis())),
        (int) optLong(pdp, "retries", d.pdpRetries()),
        path(base, str(pdp, "decision_log", null)),
        path(base, str(m, "audit_file", null)));
  }

  /** The {@code clients:} section: {@code <id>: {auth_methods, secret_hash, jwks | jwks_file}}. */
  public static List<RegisteredClient> clients(Map<String, Object> section, Path base) {
    List<RegisteredClient> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : section.entrySet()) {
      String id = e.getKey();
      Map<String, Object> c = map(e.getValue(), "client " + id);
      known(c, Set.of("auth_methods", "secret_hash", "jwks", "jwks_file", "description"),
          "clients." + id + ".");
      Set<AuthMethod> methods = new LinkedHashSet<>();
      for (String s : strings(c.get("auth_methods"), "clients." + id + ".auth_methods")) {
        methods.add(AuthMethod.fromWire(s));
      }
      String hash = str(c, "secret_hash", null);
      out.add(new RegisteredClient(id, methods, hash == null ? null : SecretHash.parse(hash),
          jwks(c, base, "client " + id)));
    }
    return out;
  }

  static List<IssuerConfig> issuers(Map<String, Object> section, Path base) {
    List<IssuerConfig> out = new ArrayList<>();
    for (Map.Entry<String, Object> e : section.entrySet()) {
      String iss = e.getKey();
      Map<String, Object> c = map(e.getValue(), "issuer " + iss);
      known(c, Set.of("jwks_file", "jwks_url", "self", "algorithms", "audiences",
          "description"), "issuers." + iss + ".");
      String url = str(c, "jwks_url", null);
      out.add(new IssuerConfig(iss, path(base, str(c, "jwks_file", null)),
          url == null ? null : URI.create(url), Boolean.TRUE.equals(c.get("self")),
          c.containsKey("algorithms") ? strings(c.get("algorithms"), iss + ".algorithms")
              : List.of("RS256", "PS256", "ES256", "EdDSA"),
          c.containsKey("audiences") ? strings(c.get("audiences"), iss + ".audiences")
              : List.of()));
    }
    return out;
  }

  private static JWKSet jwks(Map<String, Object> c, Path base, String where) {
    try {
      if (c.get("jwks") != null) {
        return JWKSet.parse(map(c.get("jwks"), where + " jwks"));
      }
      if (c.get("jwks_file") != null) {
        return JWKSet.load(path(base, str(c, "jwks_file", null)).toFile());
      }
      return null;
    } catch (ParseException | IOException e) {
      throw new IllegalArgumentException(where + ": bad JWKS: " + e.getMessage(), e);
    }
  }

  private static void known(Map<String, Object> m, Set<String> keys, String prefix) {
    for (String k : m.keySet()) {
      if (!keys.contains(k)) {
        throw new IllegalArgumentException("unknown configuration key " + prefix + k);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o, String what) {
    if (!(o instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(what + " must be a mapping");
    }
    return (Map<String, Object>) m;
  }

  private static Map<String, Object> optMap(Map<String, Object> m, String key) {
    Object o = m.get(key);
    return o == null ? Map.of() : map(o, key);
  }

  private static String str(Map<String, Object> m, String key, String dflt) {
    Object o = m.get(key);
    if (o == null) {
      return dflt;
    }
    if (!(o instanceof String s)) {
      throw new IllegalArgumentException(key + " must be a string");
    }
    return s;
  }

  private static Long optLong(Map<String, Object> m, String key) {
    Object o = m.get(key);
    if (o == null) {
      return null;
    }
    if (!(o instanceof Integer || o instanceof Long)) {
      throw new IllegalArgumentException(key + " must be an integer");
    }
    return ((Number) o).longValue();
  }

  private static long optLong(Map<String, Object> m, String key, long dflt) {
    Long v = optLong(m, key);
    return v == null ? dflt : v;
  }

  private static List<String> strings(Object o, String what) {
    if (!(o instanceof List<?> l) || l.stream().anyMatch(x -> !(x instanceof String))) {
      throw new IllegalArgumentException(what + " must be a list of strings");
    }
    return l.stream().map(String.class::cast).toList();
  }

  private static Path path(Path base, String p) {
    return p == null ? null : base.resolve(p).normalize();
  }
}
