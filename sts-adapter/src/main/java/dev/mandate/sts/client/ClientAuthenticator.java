package dev.mandate.sts.client;

import dev.mandate.sts.oauth.OAuthException;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.request.FormBody;
import dev.mandate.sts.token.TokenRejectedException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * Authenticates the client of a token request by exactly one of {@code client_secret_basic}
 * (RFC 6749 §2.3.1, the Authorization header), {@code client_secret_post} (body parameters) or
 * {@code private_key_jwt} (RFC 7523 §2.2). Using more than one at once is {@code invalid_request}
 * (RFC 6749 §2.3: "MUST NOT use more than one authentication method in each request"). Every
 * authentication failure is the same {@code invalid_client}; the reason goes to the server log
 * only. Unknown clients cost as much time as known ones, so timing does not reveal which ids
 * exist.
 */
public final class ClientAuthenticator {
  private static final Logger LOG = System.getLogger(ClientAuthenticator.class.getName());

  private final Map<String, RegisteredClient> clients;
  private final ClientAssertionVerifier assertions;
  /** Compared against when the client is unknown, to spend the same time as a real check. */
  private final SecretHash decoy;
  /** Secrets that already passed PBKDF2, so a repeat costs an HMAC, not a derivation. */
  private final VerifiedSecrets verified = new VerifiedSecrets();

  public ClientAuthenticator(Map<String, RegisteredClient> clients,
      ClientAssertionVerifier assertions) {
    this.clients = Map.copyOf(clients);
    this.assertions = assertions;
    int iterations = clients.values().stream().filter(c -> c.secret() != null)
        .mapToInt(c -> c.secret().iterations()).max().orElse(SecretHash.DEFAULT_ITERATIONS);
    this.decoy = SecretHash.create("decoy", iterations);
  }

  /** {@code authorization} is the Authorization header or null. */
  public AuthenticatedClient authenticate(String authorization, FormBody form) {
    boolean basic = authorization != null
        && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    if (authorization != null && !basic) {
      // RFC 6749 §5.2: an unsupported authentication method is invalid_client.
      throw OAuthException.invalidClient(false);
    }
    boolean post = form.has("client_secret");
    boolean jwt = form.has("client_assertion") || form.has("client_assertion_type");
    int methods = (basic ? 1 : 0) + (post ? 1 : 0) + (jwt ? 1 : 0);
    if (methods > 1) {
      throw OAuthException.invalidRequest("more than one client authentication method used");
    }
    if (methods == 0) {
      // RFC 6749 §5.2: no client authentication included -> invalid_client.
      throw OAuthException.invalidClient(false);
    }
    if (basic) {
      return basic(authorization.substring(6).trim(), form);
    }
    if (post) {
      String id = form.single("client_id");
      if (id == null) {
        throw OAuthException.invalidClient(false);
      }
      return secret(id, form.single("client_secret"), AuthMethod.CLIENT_SECRET_POST, false);
    }
    return privateKeyJwt(form);
  }

  private AuthenticatedClient basic(String encoded, FormBody form) {
    String[] idAndSecret = decodeBasic(encoded);
    String id = idAndSecret[0];
    String bodyId = form.single("client_id");
    if (bodyId != null && !bodyId.equals(id)) {
      throw OAuthException.invalidRequest("client_id does not match the authenticated client");
    }
    return secret(id, idAndSecret[1], AuthMethod.CLIENT_SECRET_BASIC, true);
  }

  /** The client id and secret of a Basic credential (without "Basic "). */
  private static String[] decodeBasic(String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw OAuthException.invalidClient(true);
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw OAuthException.invalidClient(true);
    }
    try {
      // RFC 6749 §2.3.1: both parts are form-urlencoded before being joined.
      return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
          URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
    } catch (IllegalArgumentException e) {
      throw OAuthException.invalidClient(true);
    }
  }

  /**
   * True if authenticating this request will cost no key derivation: it presents, by a method
   * its client may use, the secret already verified for that client (one HMAC), or it uses
   * {@code private_key_jwt} (one signature check against a configured JWKS). Anything else (a
   * new or wrong secret, an unknown client, a malformed request) may cost a full PBKDF2
   * derivation, tens to hundreds of milliseconds of CPU. Says nothing about the outcome: the
   * request is authenticated by {@link #authenticate} either way. The split follows the cost
   * the response time already shows, so it reveals nothing new.
   */
  public boolean isQuick(String authorization, FormBody form) {
    try {
      boolean basic = authorization != null
          && authorization.regionMatches(true, 0, "Basic ", 0, 6);
      boolean post = form.has("client_secret");
      boolean jwt = form.has("client_assertion") || form.has("client_assertion_type");
      int methods = (basic ? 1 : 0) + (post ? 1 : 0) + (jwt ? 1 : 0);
      if (authorization != null && !basic || methods != 1) {
        return false;
      }
      if (jwt) {
        return true;
      }
      String id;
      String secret;
      AuthMethod method;
      if (basic) {
        String[] idAndSecret = decodeBasic(authorization.substring(6).trim());
        id = idAndSecret[0];
        secret = idAndSecret[1];
        method = AuthMethod.CLIENT_SECRET_BASIC;
      } else {
        id = form.single("client_id");
        secret = form.single("client_secret");
        method = AuthMethod.CLIENT_SECRET_POST;
      }
      RegisteredClient c = id == null ? null : clients.get(id);
      return c != null && c.secret() != null && c.allows(method) && verified.known(id, secret);
    } catch (OAuthException e) {
      return false;
    }
  }

  private AuthenticatedClient secret(String id, String secret, AuthMethod method,
      boolean basicRealm) {
    RegisteredClient c = clients.get(id);
    boolean ok;
    if (c == null || c.secret() == null) {
      decoy.matches(secret);
      ok = false;
    } else if (!c.allows(method)) {
      // Same cost as a wrong secret, so the timing does not tell which methods a client has.
      c.secret().matches(secret);
      ok = false;
    } else if (verified.known(id, secret)) {
      ok = true;
    } else {
      ok = c.secret().matches(secret);
      if (ok) {
        verified.remember(id, secret);
      }
    }
    if (!ok) {
      LOG.log(Level.INFO, "client authentication failed ({0}, client {1})", method.wireName(),
          printable(id));
      throw OAuthException.invalidClient(basicRealm);
    }
    return new AuthenticatedClient(id, method);
  }

  private AuthenticatedClient privateKeyJwt(FormBody form) {
    String type = form.single("client_assertion_type");
    String assertion = form.single("client_assertion");
    if (!TokenTypes.JWT_BEARER_ASSERTION.equals(type) || assertion == null) {
      throw OAuthException.invalidRequest(
          "client_assertion_type must be " + TokenTypes.JWT_BEARER_ASSERTION
              + " with a client_assertion");
    }
    String claimed;
    try {
      claimed = ClientAssertionVerifier.claimedClient(assertion);
    } catch (TokenRejectedException e) {
      LOG.log(Level.INFO, "client assertion rejected: {0}", e.reason());
      throw OAuthException.invalidClient(false);
    }
    String bodyId = form.single("client_id");
    if (bodyId != null && !bodyId.equals(claimed)) {
      throw OAuthException.invalidClient(false);
    }
    RegisteredClient c = clients.get(claimed);
    if (c == null || !c.allows(AuthMethod.PRIVATE_KEY_JWT)) {
      LOG.log(Level.INFO, "client assertion rejected: unknown client {0}", printable(claimed));
      throw OAuthException.invalidClient(false);
    }
    try {
      assertions.verify(assertion, c);
    } catch (TokenRejectedException e) {
      LOG.log(Level.INFO, "client assertion rejected for {0}: {1} ({2})", c.id(), e.reason(),
          e.getMessage());
      throw OAuthException.invalidClient(false);
    }
    return new AuthenticatedClient(c.id(), AuthMethod.PRIVATE_KEY_JWT);
  }

  /** A client id as it may appear in a log line: bounded, no control characters. */
  private static String printable(String s) {
    String t = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return t.replaceAll("\\p{Cntrl}", "?");
  }
}
