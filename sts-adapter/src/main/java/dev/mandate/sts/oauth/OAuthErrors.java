package dev.mandate.sts.oauth;

/** The error codes the token endpoint returns (RFC 6749 §5.2, RFC 8693 §2.2.2, RFC 8628 §3.5). */
public final class OAuthErrors {
  public static final String INVALID_REQUEST = "invalid_request";
  public static final String INVALID_CLIENT = "invalid_client";
  public static final String INVALID_GRANT = "invalid_grant";
  public static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
  public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
  public static final String INVALID_SCOPE = "invalid_scope";
  public static final String INVALID_TARGET = "invalid_target";
  public static final String AUTHORIZATION_PENDING = "authorization_pending";
  public static final String SERVER_ERROR = "server_error";
  public static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

  private OAuthErrors() {}
}
