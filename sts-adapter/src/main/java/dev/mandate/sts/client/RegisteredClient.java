package dev.mandate.sts.client;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.Set;

/**
 * A client registered with the STS: how it may authenticate and with what. {@code secret} is
 * required for the secret methods and {@code jwks} (public keys) for {@code private_key_jwt}.
 */
public record RegisteredClient(String id, Set<AuthMethod> methods, SecretHash secret,
    JWKSet jwks) {
  public RegisteredClient {
    methods = Set.copyOf(methods);
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("client " + id + " has no authentication method");
    }
    if ((methods.contains(AuthMethod.CLIENT_SECRET_BASIC)
        || methods.contains(AuthMethod.CLIENT_SECRET_POST)) && secret == null) {
      throw new IllegalArgumentException("client " + id + " uses a secret but has no secret_hash");
    }
    if (methods.contains(AuthMethod.PRIVATE_KEY_JWT)) {
      if (jwks == null || jwks.getKeys().isEmpty()) {
        throw new IllegalArgumentException("client " + id + " uses private_key_jwt but has no jwks");
      }
      if (jwks.getKeys().stream().anyMatch(k -> k.isPrivate())) {
        throw new IllegalArgumentException("client " + id + ": jwks must hold public keys only");
      }
    }
  }

  public boolean allows(AuthMethod m) {
    return methods.contains(m);
  }
}
