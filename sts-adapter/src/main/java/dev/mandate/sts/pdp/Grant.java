package dev.mandate.sts.pdp;

import java.util.List;
import java.util.Map;

/**
 * What a permit allows the STS to issue (the {@code grant} of the decision contract).
 *
 * @param act the {@code act} claim to set verbatim, or null for none
 * @param claims further claims to add ({@code tenant}, {@code client_id}, {@code cnf}, ...)
 */
public record Grant(String audience, List<String> scope, long ttlSeconds, String tokenType,
    String subject, Map<String, Object> act, Map<String, Object> claims) {
  public Grant {
    scope = List.copyOf(scope);
    claims = Map.copyOf(claims);
  }
}
