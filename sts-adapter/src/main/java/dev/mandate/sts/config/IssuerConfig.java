package dev.mandate.sts.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * A trusted issuer of subject and actor tokens. Exactly one key source: a static JWKS file, a
 * JWKS URL (cached, refreshed on an unknown kid at a bounded rate), or {@code self} (this STS's
 * own published keys, so tokens it issued can be exchanged again down a delegation chain).
 *
 * @param algorithms the JWS algorithms accepted from this issuer (asymmetric only)
 * @param audiences if non-empty, a token must carry one of these in {@code aud}
 */
public record IssuerConfig(String issuer, Path jwksFile, URI jwksUrl, boolean self,
    List<String> algorithms, List<String> audiences) {
  public IssuerConfig {
    int sources = (jwksFile != null ? 1 : 0) + (jwksUrl != null ? 1 : 0) + (self ? 1 : 0);
    if (sources != 1) {
      throw new IllegalArgumentException("issuer " + issuer
          + ": give exactly one of jwks_file, jwks_url, self");
    }
    algorithms = List.copyOf(algorithms);
    audiences = List.copyOf(audiences);
  }
}
