package dev.mandate.sts.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import java.util.Set;

/**
 * An issuer whose tokens the STS accepts as subject or actor tokens: where its public keys come
 * from, which algorithms it may sign with, and, if {@code audiences} is non-empty, the audience
 * values of which a token must carry at least one. {@code remoteKeys}: the key source fetches a
 * JWKS over the network (on expiry or an unknown {@code kid}), so looking up a key may block.
 */
public record TrustedIssuer(String issuer, JWKSource<SecurityContext> keys,
    Set<JWSAlgorithm> algorithms, List<String> audiences, boolean remoteKeys) {
  public TrustedIssuer {
    algorithms = Set.copyOf(algorithms);
    audiences = List.copyOf(audiences);
  }
}
