package dev.mandate.sts.oauth;

import java.util.Set;

/** Token type identifiers (RFC 8693 §3) and the grant and assertion type URNs. */
public final class TokenTypes {
  public static final String TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";
  public static final String JWT_BEARER_ASSERTION =
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  public static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
  public static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
  public static final String JWT = "urn:ietf:params:oauth:token-type:jwt";

  /** The types accepted as subject or actor tokens: all are validated as signed JWTs. */
  public static final Set<String> ACCEPTED_INPUT = Set.of(ACCESS_TOKEN, ID_TOKEN, JWT);

  /** The types this STS can issue. */
  public static final Set<String> ISSUABLE = Set.of(ACCESS_TOKEN, JWT);

  private TokenTypes() {}
}
