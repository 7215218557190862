package dev.mandate.sts.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mandate.sts.oauth.OAuthException;
import dev.mandate.sts.request.FormBody;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A secret that passed PBKDF2 is recognised again cheaply, but remembering it must never let a
 * different secret, a different client or a method the client may not use through.
 */
class RememberedSecretTest {
  private static final String FORM = "grant_type=x";

  private final ClientAuthenticator auth = new ClientAuthenticator(Map.of(
      "chat-web", new RegisteredClient("chat-web",
          Set.of(AuthMethod.CLIENT_SECRET_BASIC, AuthMethod.CLIENT_SECRET_POST),
          SecretHash.create("chat-secret", 10_000), null),
      "support-agent", new RegisteredClient("support-agent",
          Set.of(AuthMethod.CLIENT_SECRET_BASIC), SecretHash.create("support-secret", 10_000),
          null)), null);

  private AuthenticatedClient basic(String id, String secret) {
    String h = "Basic " + Base64.getEncoder().encodeToString(
        (id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    return auth.authenticate(h, FormBody.parse(FORM));
  }

  private AuthenticatedClient post(String id, String secret) {
    return auth.authenticate(null, FormBody.parse(FORM + "&client_id=" + id
        + "&client_secret=" + secret));
  }

  private static void assertInvalidClient(Runnable r) {
    OAuthException e = assertThrows(OAuthException.class, r::run);
    assertEquals("invalid_client", e.error());
  }

  @Test
  void theRightSecretKeepsWorking() {
    for (int i = 0; i < 3; i++) {
      assertEquals("chat-web", basic("chat-web", "chat-secret").id());
    }
    assertEquals(AuthMethod.CLIENT_SECRET_POST, post("chat-web", "chat-secret").method());
  }

  @Test
  void aWrongSecretFailsAfterTheRightOneWasRemembered() {
    basic("chat-web", "chat-secret");
    assertInvalidClient(() -> basic("chat-web", "chat-secret2"));
    assertInvalidClient(() -> basic("chat-web", ""));
    assertInvalidClient(() -> post("chat-web", "chat-secreT"));
  }

  @Test
  void anotherClientsRememberedSecretDoesNotAuthenticate() {
    basic("chat-web", "chat-secret");
    assertInvalidClient(() -> basic("support-agent", "chat-secret"));
    assertInvalidClient(() -> basic("unknown", "chat-secret"));
  }

  @Test
  void aRememberedSecretDoesNotOpenAMethodTheClientLacks() {
    assertEquals("support-agent", basic("support-agent", "support-secret").id());
    assertInvalidClient(() -> post("support-agent", "support-secret"));
  }

  @Test
  void onlyVerifiedSecretsAreRemembered() {
    VerifiedSecrets v = new VerifiedSecrets();
    assertFalse(v.known("a", "s"));
    v.remember("a", "s");
    assertTrue(v.known("a", "s"));
    assertFalse(v.known("a", "s2"));
    assertFalse(v.known("b", "s"));
    v.remember("a", "t");
    assertFalse(v.known("a", "s"), "only the latest verified secret is kept");
    assertTrue(v.known("a", "t"));
  }
}
