package dev.mandate.sts.mint;

import dev.mandate.sts.client.AuthenticatedClient;
import dev.mandate.sts.oauth.TokenTypes;
import dev.mandate.sts.pdp.Grant;
import dev.mandate.sts.request.TokenExchangeRequest;
import dev.mandate.sts.token.ValidatedToken;
import java.util.Map;
import java.util.Set;

/**
 * Defence in depth: the STS re-checks a permit's grant against the request before signing, so a
 * policy bug (or a compromised remote PDP) cannot widen what the client asked for. A grant that
 * fails is refused as a server error; no token is minted.
 */
public final class GrantCheck {
  /** Claims the STS sets itself; a grant may not supply them (client_id only if it agrees). */
  static final Set<String> RESERVED = Set.of("iss", "sub", "aud", "exp", "iat", "nbf", "jti",
      "scope", "act", "decision_id", "client_id");

  private GrantCheck() {}

  /** Returns null if the grant is acceptable, or what is wrong with it (for the server log). */
  public static String problem(Grant g, TokenExchangeRequest req, ValidatedToken subject,
      AuthenticatedClient client, long maxTtlSeconds) {
    if (g.scope().isEmpty()) {
      return "grant has no scope";
    }
    if (!req.scope().isEmpty() && !req.scope().containsAll(g.scope())) {
      return "grant scope " + g.scope() + " exceeds the requested " + req.scope();
    }
    if (!req.audience().isEmpty() && !req.audience().contains(g.audience())) {
      return "grant audience " + g.audience() + " was not requested";
    }
    if (g.ttlSeconds() <= 0 || g.ttlSeconds() > maxTtlSeconds) {
      return "grant ttl " + g.ttlSeconds() + " outside (0, " + maxTtlSeconds + "]";
    }
    if (req.requestedTtlSeconds() != null && g.ttlSeconds() > req.requestedTtlSeconds()) {
      return "grant ttl " + g.ttlSeconds() + " exceeds the requested " + req.requestedTtlSeconds();
    }
    if (!TokenTypes.ISSUABLE.contains(g.tokenType())) {
      return "grant token type " + g.tokenType() + " is not one this STS issues";
    }
    if (req.requestedTokenType() != null && !req.requestedTokenType().equals(g.tokenType())) {
      return "grant token type " + g.tokenType() + " differs from the requested one";
    }
    if (!g.subject().equals(subject.subject())) {
      return "grant subject differs from the subject token's sub";
    }
    for (Map.Entry<String, Object> c : g.claims().entrySet()) {
      if (c.getKey().equals("client_id")) {
        if (!client.id().equals(c.getValue())) {
          return "grant claims client_id differs from the authenticated client";
        }
      } else if (RESERVED.contains(c.getKey())) {
        return "grant claims try to set the reserved claim " + c.getKey();
      }
    }
    if (g.act() != null && !ActChain.isValid(g.act())) {
      return "grant act is not a chain of objects with string sub";
    }
    return null;
  }
}
