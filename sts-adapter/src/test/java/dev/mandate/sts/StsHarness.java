package dev.mandate.sts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.mandate.sts.client.AuthMethod;
import dev.mandate.sts.client.RegisteredClient;
import dev.mandate.sts.client.SecretHash;
import dev.mandate.sts.config.IssuerConfig;
import dev.mandate.sts.config.StsConfig;
import dev.mandate.sts.jose.Jws;
import dev.mandate.sts.keys.SigningAlgorithm;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.pdp.InProcessPdpClient;
import dev.mandate.sts.pdp.PdpClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A real STS on a free port for tests: a test identity provider ({@code https://idp.test})
 * whose keys are published as a JWKS file, the clients chat-web and support-agent (secrets) and
 * mcp-files (private_key_jwt and secret), the STS trusting itself, and by default the in-process
 * PDP on the test policy (src/test/resources/test-policy). Talks to it with real HTTP.
 */
final class StsHarness implements AutoCloseable {
  static final String IDP = "https://idp.test";
  static final String ISSUER = "https://sts.acme.internal";
  /** The test IdP's keys again, as an issuer that requires aud to name the STS. */
  static final String AUD_IDP = "https://idp-aud.test";
  static final String CHAT_SECRET = "chat-web-s3cret";
  static final String MCP_SECRET = "mcp-files-s3cret";
  static final String SUPPORT_SECRET = "support-s3cret";
  static final ObjectMapper JSON = new ObjectMapper();

  final Path dir;
  final JWK idpKey = SigningAlgorithm.ES256.generate();
  final JWK mcpClientKey = SigningAlgorithm.ES256.generate();
  final List<String> audit = Collections.synchronizedList(new ArrayList<>());
  final Sts sts;
  final HttpClient http = HttpClient.newHttpClient();

  StsHarness(Path dir) throws IOException {
    this(dir, null, c -> {});
  }

  /** {@code pdp} null: the in-process PDP on the test policy. */
  StsHarness(Path dir, PdpClient pdp, Consumer<StsConfig[]> tweak) throws IOException {
    this.dir = dir;
    Path jwks = dir.resolve("idp.jwks.json");
    Files.writeString(jwks, new JWKSet(idpKey.toPublicJWK()).toString(true));
    List<RegisteredClient> clients = List.of(
        new RegisteredClient("chat-web", Set.of(AuthMethod.CLIENT_SECRET_BASIC,
            AuthMethod.CLIENT_SECRET_POST), SecretHash.create(CHAT_SECRET, 10_000), null),
        new RegisteredClient("support-agent", Set.of(AuthMethod.CLIENT_SECRET_BASIC),
            SecretHash.create(SUPPORT_SECRET, 10_000), null),
        new RegisteredClient("mcp-files", Set.of(AuthMethod.PRIVATE_KEY_JWT,
            AuthMethod.CLIENT_SECRET_BASIC), SecretHash.create(MCP_SECRET, 10_000),
            new JWKSet(mcpClientKey.toPublicJWK())));
    List<IssuerConfig> issuers = List.of(
        new IssuerConfig(IDP, jwks, null, false, List.of("ES256", "RS256"), List.of()),
        new IssuerConfig(AUD_IDP, jwks, null, false, List.of("ES256"), List.of(ISSUER)),
        new IssuerConfig(ISSUER, null, null, true, List.of("ES256", "RS256", "EdDSA"),
            List.of()));
    StsConfig[] config = {StsConfig.defaults().withPort(0)
        .withClientsAndIssuers(clients, issuers)
        .withKeys(SigningAlgorithm.ES256, dir.resolve("keys.json"), null)};
    tweak.accept(config);
    if (pdp == null) {
      pdp = new InProcessPdpClient(testPolicy(dir), null, Duration.ofSeconds(5), null);
    }
    this.sts = Sts.start(config[0], pdp, audit::add, Clock.systemUTC());
  }

  /** Copies the test policy out of the test resources into {@code dir/policy}. */
  static Path testPolicy(Path dir) throws IOException {
    Path policy = dir.resolve("policy/mandate/exchange");
    Files.createDirectories(policy);
    try (InputStream in = StsHarness.class.getResourceAsStream(
        "/test-policy/mandate/exchange/decision.rego")) {
      Files.write(policy.resolve("decision.rego"), in.readAllBytes());
    }
    return dir.resolve("policy");
  }

  String base() {
    return sts.baseUrl();
  }

  // ---- tokens ---------------------------------------------------------------------------

  JWTClaimsSet.Builder claims(String sub, String scope) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().issuer(IDP).subject(sub)
        .audience(ISSUER).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
        .jwtID(UUID.randomUUID().toString()).claim("tenant", "acme");
    if (scope != null) {
      b.claim("scope", scope);
    }
    return b;
  }

  String sign(JWTClaimsSet claims) {
    return sign(idpKey, claims);
  }

  static String sign(JWK key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
          .keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
      jwt.sign(Jws.signer(key));
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  String alice() {
    return sign(claims("alice", "files:read files:write calendar:read").build());
  }

  String actor(String sub) {
    return sign(claims(sub, null).build());
  }

  String clientAssertion(String aud, long ttlSeconds, String jti) {
    Instant now = Instant.now();
    return sign(mcpClientKey, new JWTClaimsSet.Builder().issuer("mcp-files").subject("mcp-files")
        .audience(aud).issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(ttlSeconds))).jwtID(jti).build());
  }

  // ---- HTTP -----------------------------------------------------------------------------

  record Response(int status, Map<String, List<String>> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0)).findFirst().orElse(null);
    }

    String error() {
      return json().path("error").asText(null);
    }
  }

  /** A form for a token exchange of {@code subject} (an access token). */
  static Form exchange(String subject) {
    return new Form().add("grant_type", TokenTypes.TOKEN_EXCHANGE_GRANT)
        .add("subject_token", subject)
        .add("subject_token_type", TokenTypes.ACCESS_TOKEN);
  }

  static final class Form {
    final List<String[]> params = new ArrayList<>();

    Form add(String name, String value) {
      params.add(new String[] {name, value});
      return this;
    }

    Form remove(String name) {
      params.removeIf(p -> p[0].equals(name));
      return this;
    }

    String encode() {
      StringBuilder sb = new StringBuilder();
      for (String[] p : params) {
        if (!sb.isEmpty()) {
          sb.append('&');
        }
        sb.append(URLEncoder.encode(p[0], StandardCharsets.UTF_8)).append('=')
            .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
      }
      return sb.toString();
    }
  }

  static String basic(String id, String secret) {
    return "Basic " + Base64.getEncoder().encodeToString(
        (id + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  Response post(Form form, String authorization) {
    return post(form.encode(), "application/x-www-form-urlencoded", authorization);
  }

  Response asChatWeb(Form form) {
    return post(form, basic("chat-web", CHAT_SECRET));
  }

  Response post(String body, String contentType, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build());
  }

  Response send(HttpRequest req) {
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Verifies an issued token as a resource server would: signature against the JWKS published
   * at /.well-known/jwks.json, typ at+jwt, issuer, and an unexpired lifetime.
   */
  JWTClaimsSet verifyIssued(String token) throws Exception {
    JWKSet published = JWKSet.parse(get("/.well-known/jwks.json").body());
    DefaultJWTProcessor<SecurityContext> p = new DefaultJWTProcessor<>();
    p.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
    p.setJWSKeySelector(new JWSVerificationKeySelector<>(
        new HashSet<>(List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256)),
        new ImmutableJWKSet<>(published)));
    p.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(null,
        new JWTClaimsSet.Builder().issuer(ISSUER).build(),
        Set.of("sub", "aud", "exp", "iat", "jti", "scope", "client_id", "decision_id")));
    return p.process(token, null);
  }

  @Override
  public void close() {
    sts.close();
  }
}
