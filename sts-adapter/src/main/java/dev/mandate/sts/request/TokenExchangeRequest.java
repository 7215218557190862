package dev.mandate.sts.request;

import dev.mandate.sts.oauth.OAuthException;
import dev.mandate.sts.oauth.TokenTypes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The token exchange parameters of RFC 8693 §2.1, checked for shape (not for policy): the
 * subject token and its type are required, the actor token and its type come together or not at
 * all, each {@code resource} is an absolute URI without a fragment (RFC 8707 §2), and
 * {@code scope} is split on spaces.
 *
 * @param requestedTtlSeconds the non-standard {@code requested_ttl_seconds} parameter, which can
 *     only ever shorten the issued token's lifetime; null when not sent
 * @param clientId the {@code client_id} body parameter if the client sent one
 */
public record TokenExchangeRequest(
    String subjectToken,
    String subjectTokenType,
    String actorToken,
    String actorTokenType,
    List<String> audience,
    List<String> resource,
    List<String> scope,
    String requestedTokenType,
    Long requestedTtlSeconds,
    String clientId) {

  /** Single-valued parameters that RFC 6749 §3.2 forbids repeating; checked up front. */
  public static final List<String> SINGLE_VALUED = List.of("grant_type", "subject_token",
      "subject_token_type", "actor_token", "actor_token_type", "scope", "requested_token_type",
      "requested_ttl_seconds", "client_id", "client_secret", "client_assertion",
      "client_assertion_type");

  /** RFC 6749 §3.3: scope-token *( SP scope-token ), scope-token = 1*NQCHAR. */
  private static final Pattern SCOPE =
      Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");
  private static final Pattern TTL = Pattern.compile("[1-9][0-9]{0,8}");
  private static final int MAX_TARGETS = 16;
  private static final int MAX_SCOPES = 64;

  public static TokenExchangeRequest from(FormBody form) {
    String subjectToken = form.required("subject_token");
    String subjectTokenType = form.required("subject_token_type");
    String actorToken = form.single("actor_token");
    String actorTokenType = form.single("actor_token_type");
    if ((actorToken == null) != (actorTokenType == null)) {
      throw OAuthException.invalidRequest(
          "actor_token and actor_token_type must be sent together");
    }
    List<String> audience = form.all("audience");
    List<String> resource = form.all("resource");
    if (audience.size() + resource.size() > MAX_TARGETS) {
      throw OAuthException.invalidRequest("too many audience and resource parameters");
    }
    for (String r : resource) {
      checkResource(r);
    }
    List<String> scope = splitScope(form.single("scope"));
    String requestedTokenType = form.single("requested_token_type");
    Long ttl = parseTtl(form.single("requested_ttl_seconds"));
    return new TokenExchangeRequest(subjectToken, subjectTokenType, actorToken, actorTokenType,
        List.copyOf(audience), List.copyOf(resource), scope, requestedTokenType, ttl,
        form.single("client_id"));
  }

  public boolean hasActor() {
    return actorToken != null;
  }

  /** Whether the issued token will be usable as an access token (token_type Bearer). */
  public static boolean isAccessTokenType(String type) {
    return TokenTypes.ACCESS_TOKEN.equals(type);
  }

  private static void checkResource(String r) {
    URI uri;
    try {
      uri = new URI(r);
    } catch (URISyntaxException e) {
      throw OAuthException.of("invalid_target", "resource is not a valid URI", 400);
    }
    if (!uri.isAbsolute() || uri.getRawFragment() != null) {
      throw OAuthException.of("invalid_target",
          "resource must be an absolute URI without a fragment", 400);
    }
  }

  /** scope = scope-token *( SP scope-token ) (RFC 6749 §3.3); duplicates collapse. */
  private static List<String> splitScope(String scope) {
    if (scope == null) {
      return List.of();
    }
    if (!SCOPE.matcher(scope).matches()) {
      throw OAuthException.of("invalid_scope", "scope is not a space-separated list", 400);
    }
    List<String> list = List.copyOf(new LinkedHashSet<>(Arrays.asList(scope.split(" "))));
    if (list.size() > MAX_SCOPES) {
      throw OAuthException.of("invalid_scope", "too many scopes", 400);
    }
    return list;
  }

  private static Long parseTtl(String s) {
    if (s == null) {
      return null;
    }
    if (!TTL.matcher(s).matches()) {
      throw OAuthException.invalidRequest("requested_ttl_seconds must be a positive integer");
    }
    return Long.parseLong(s);
  }
}
