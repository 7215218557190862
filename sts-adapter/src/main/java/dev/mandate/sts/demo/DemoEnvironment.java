package dev.mandate.sts.demo;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.mandate.sts.client.AuthMethod;
import dev.mandate.sts.client.RegisteredClient;
import dev.mandate.sts.config.ConfigLoader;
import dev.mandate.sts.config.IssuerConfig;
import dev.mandate.sts.config.StsConfig;
import dev.mandate.sts.keys.OwnerOnlyFiles;
import dev.mandate.sts.keys.SigningAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The zero-configuration demo world: two demo identity providers (Acme's
 * {@code https://idp.acme.internal} and Globex's federated {@code https://login.partner.example}),
 * the demo clients shipped in {@code demo/clients.yaml} (secrets {@code <id>-demo-secret}), and
 * this STS trusting its own tokens as {@code https://sts.acme.internal}, matching the shipped
 * policy data. Private keys are generated on first use into the state folder with owner-only
 * permissions; nothing secret is shipped except the (public) demo client secrets.
 */
public final class DemoEnvironment {
  public static final String STS_ISSUER = "https://sts.acme.internal";
  public static final String ACME_IDP = "https://idp.acme.internal";
  public static final String PARTNER_IDP = "https://login.partner.example";
  /** The client that demonstrates private_key_jwt. */
  public static final String KEY_CLIENT = "mcp-files";

  private final Path stateDir;
  private final Map<String, JWK> issuerKeys;
  private final JWK clientKey;

  private DemoEnvironment(Path stateDir, Map<String, JWK> issuerKeys, JWK clientKey) {
    this.stateDir = stateDir;
    this.issuerKeys = issuerKeys;
    this.clientKey = clientKey;
  }

  /** The state folder: {@code $MANDATE_STATE_DIR}, else {@code ~/.mandate/sts}. */
  public static Path defaultStateDir() {
    String env = System.getenv("MANDATE_STATE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".mandate", "sts");
  }

  /** Loads the demo keys from {@code stateDir}, generating them on first use. */
  public static DemoEnvironment open(Path stateDir) {
    Path file = stateDir.resolve("demo-keys.json");
    try {
      Map<String, JWK> keys = new LinkedHashMap<>();
      if (Files.exists(file)) {
        Map<String, Object> root = JSONObjectUtils.parse(OwnerOnlyFiles.readPrivate(file));
        for (Map.Entry<String, Object> e : root.entrySet()) {
          @SuppressWarnings("unchecked")
          Map<String, Object> jwk = (Map<String, Object>) e.getValue();
          keys.put(e.getKey(), JWK.parse(jwk));
        }
      } else {
        keys.put(ACME_IDP, SigningAlgorithm.ES256.generate());
        keys.put(PARTNER_IDP, SigningAlgorithm.ES256.generate());
        keys.put("client:" + KEY_CLIENT, SigningAlgorithm.ES256.generate());
        Map<String, Object> root = new LinkedHashMap<>();
        keys.forEach((k, v) -> root.put(k, v.toJSONObject()));
        OwnerOnlyFiles.write(file, JSONObjectUtils.toJSONString(root));
      }
      JWK clientKey = keys.remove("client:" + KEY_CLIENT);
      return new DemoEnvironment(stateDir, keys, clientKey);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the demo keys in " + stateDir, e);
    } catch (ParseException e) {
      throw new IllegalStateException("malformed demo key file " + file, e);
    }
  }

  /** The private key a demo issuer signs its tokens with. */
  public JWK issuerKey(String issuer) {
    JWK k = issuerKeys.get(issuer);
    if (k == null) {
      throw new IllegalArgumentException("no demo issuer " + issuer + " (known: "
          + issuerKeys.keySet() + ")");
    }
    return k;
  }

  /** The private key the demo {@code private_key_jwt} client signs its assertions with. */
  public JWK clientKey() {
    return clientKey;
  }

  public Path stateDir() {
    return stateDir;
  }

  /**
   * The demo configuration on top of {@code base}: demo clients, the two demo IdPs and the STS
   * itself as trusted issuers, the key ring and decision log in the state folder.
   */
  public StsConfig configure(StsConfig base) {
    List<IssuerConfig> issuers = new ArrayList<>();
    for (Map.Entry<String, JWK> e : issuerKeys.entrySet()) {
      Path jwks = stateDir.resolve(fileName(e.getKey()) + ".jwks.json");
      writePublic(jwks, e.getValue());
      issuers.add(new IssuerConfig(e.getKey(), jwks, null, false, List.of("ES256"), List.of()));
    }
    issuers.add(new IssuerConfig(STS_ISSUER, null, null, true,
        List.of("ES256", "RS256", "EdDSA"), List.of()));
    return base.withClientsAndIssuers(clients(), issuers)
        .withKeys(base.signingAlgorithm(), base.keyFile() != null ? base.keyFile()
            : stateDir.resolve("sts-signing-keys.json"), base.rotationInterval());
  }

  private List<RegisteredClient> clients() {
    try (InputStream in = DemoEnvironment.class.getResourceAsStream("/demo/clients.yaml")) {
      if (in == null) {
        throw new IllegalStateException("demo/clients.yaml is missing from the jar");
      }
      Object root = new Yaml(new SafeConstructor(new LoaderOptions()))
          .load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      @SuppressWarnings("unchecked")
      Map<String, Object> clients = (Map<String, Object>) ((Map<String, Object>) root)
          .get("clients");
      List<RegisteredClient> out = new ArrayList<>();
      for (RegisteredClient c : ConfigLoader.clients(clients, stateDir)) {
        if (c.id().equals(KEY_CLIENT)) {
          Set<AuthMethod> methods = new LinkedHashSet<>(c.methods());
          methods.add(AuthMethod.PRIVATE_KEY_JWT);
          c = new RegisteredClient(c.id(), methods, c.secret(),
              new JWKSet(clientKey.toPublicJWK()));
        }
        out.add(c);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writePublic(Path file, JWK key) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, new JWKSet(key.toPublicJWK()).toString(true));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fileName(String issuer) {
    return "demo-issuer-" + issuer.replaceFirst("^https?://", "").replaceAll("[^A-Za-z0-9.-]", "_");
  }
}
