package dev.mandate.pdp.support;

/** Small policies the HTTP tests run against. */
public final class Policies {
  private Policies() {}

  /** The exchange decision: permit for audience "api", deny otherwise, a conflict on demand. */
  public static final String EXCHANGE = """
      package mandate.exchange

      decision := {
        "allow": true,
        "grant": {
          "audience": input.request.audience,
          "scope": ["read"],
          "ttl_seconds": 300,
          "token_type": "urn:ietf:params:oauth:token-type:access_token",
          "subject": input.subject_token.sub,
        },
      } if {
        input.request.audience == "api"
      }

      decision := {
        "allow": false,
        "deny": {"error": "invalid_target", "reasons": [{"code": "audience_not_allowed", "message": "audience not allowed"}]},
      } if {
        input.request.audience != "api"
        input.request.audience != "conflict"
        input.request.audience != "undefined"
      }

      decision := {"allow": true} if input.request.audience == "conflict"

      decision := {"allow": false} if input.request.audience == "conflict"
      """;

  /** A decision that is not an object with a boolean allow. */
  public static final String NOT_A_DECISION = """
      package mandate.weird

      decision := {"allow": "yes"}
      """;

  /** A decision that takes far longer than 50 ms. */
  public static final String SLOW = """
      package mandate.slow

      decision := {"allow": n > 0} if {
        n := count([x | some i in numbers.range(1, 4000); some j in numbers.range(1, 4000); x := i * j])
      }
      """;

  /**
   * The example AuthZEN policy: anyone may read public documents, owners may do anything with
   * their documents, admins anything at all.
   */
  public static final String AUTHZEN = """
      package mandate.authzen

      default allow := false

      allow if {
        input.action.name == "read"
        input.resource.type == "document"
        data.public_documents[input.resource.id]
      }

      allow if input.resource.properties.owner == input.subject.id

      allow if input.subject.properties.role == "admin"

      # The object form: a decision with a context explaining it.
      explained := {"decision": allow, "context": {"reason": reason}}

      reason := "granted" if allow
      reason := "no rule grants this access" if not allow
      """;

  public static final String AUTHZEN_DATA = """
      {"public_documents": {"readme": true, "changelog": true}}
      """;
}
