# A small stand-in for the shipped policies, implementing the decision contract
# (docs/decision-contract.md) for the STS tests: audience allow-list per client, downscoping,
# one tenant, delegation chains, a lifetime minimum and one critical scope needing approval.
package mandate.exchange

import rego.v1

clients := {
	"chat-web": {"audiences": {"file-service", "mcp-files", "calendar"}, "max_ttl": 1200},
	"mcp-files": {"audiences": {"file-service"}, "max_ttl": 900},
	"support-agent": {"audiences": {"file-service", "calendar"}, "max_ttl": 600},
}

audience_tenants := {"file-service": "acme", "mcp-files": "acme", "calendar": "acme", "billing": "globex"}

no_approval := {"required": false, "scopes": [], "approvers": []}

default decision := {
	"allow": false,
	"deny": {"error": "invalid_request", "reasons": [{"code": "evaluation_incomplete", "message": "no decision"}]},
	"approval": {"required": false, "scopes": [], "approvers": []},
}

now_s := ceil(time.parse_rfc3339_ns(input.context.time) / 1000000000)

targets := {a | some a in input.request.audience} | {"file-service" | some r in input.request.resource; r == "https://files.example/"}

target := t if {
	count(targets) == 1
	some t in targets
}

held := {s | some s in split(object.get(input.subject_token.claims, "scope", ""), " "); s != ""}

requested := {s | some s in input.request.scope}

granted := requested if count(requested) > 0

granted := held if count(requested) == 0

violation contains {"code": "no_audience", "message": "no target"} if count(targets) == 0

violation contains {"code": "multiple_audiences", "message": "more than one target"} if count(targets) > 1

violation contains {"code": "audience_not_allowed", "message": "not allowed"} if {
	not target in clients[input.client.id].audiences
}

violation contains {"code": "cross_tenant", "message": "tenants differ"} if {
	input.subject_token.claims.tenant != audience_tenants[target]
}

violation contains {"code": "scope_not_held", "message": concat(" ", [s, "is not held"])} if {
	some s in requested
	not s in held
}

violation contains {"code": "chain_too_deep", "message": "too deep"} if chain_depth > 3

# Rego has no recursion: count the objects with a sub along the chain.
chain_depth := count([1 | walk(act, [_, v]); is_object(v); v.sub])

violation contains {"code": "impersonation_not_allowed", "message": "support-agent must delegate"} if {
	input.client.id == "support-agent"
	not input.actor_token
}

act := {"sub": input.actor_token.claims.sub, "act": input.subject_token.claims.act} if {
	input.actor_token
	input.subject_token.claims.act
}

act := {"sub": input.actor_token.claims.sub} if {
	input.actor_token
	not input.subject_token.claims.act
}

act := input.subject_token.claims.act if {
	not input.actor_token
	input.subject_token.claims.act
}

limits contains clients[input.client.id].max_ttl

limits contains input.request.requested_ttl_seconds

limits contains floor(input.subject_token.claims.exp - now_s)

ttl := min(limits)

error := "invalid_target" if {
	some v in violation
	v.code in {"audience_not_allowed", "cross_tenant", "multiple_audiences"}
} else := "invalid_grant" if {
	some v in violation
	v.code == "chain_too_deep"
} else := "unauthorized_client" if {
	some v in violation
	v.code == "impersonation_not_allowed"
} else := "invalid_scope" if {
	some v in violation
	v.code == "scope_not_held"
} else := "invalid_request"

pending := {s | some s in granted; s == "files:delete"}

grant_base := {
	"audience": target,
	"scope": sort(granted),
	"ttl_seconds": ttl,
	"token_type": object.get(input.request, "requested_token_type", "urn:ietf:params:oauth:token-type:access_token"),
	"subject": input.subject_token.claims.sub,
	"claims": {"tenant": input.subject_token.claims.tenant, "client_id": input.client.id},
}

decision := {"allow": false, "deny": {"error": error, "reasons": sort([v | some v in violation])}, "approval": no_approval} if {
	count(violation) > 0
}

decision := {
	"allow": false,
	"deny": {"error": "authorization_pending", "reasons": [{"code": "approval_required", "message": "approval"}]},
	"approval": {"required": true, "scopes": sort(pending), "approvers": ["security-oncall"]},
} if {
	count(violation) == 0
	count(pending) > 0
}

decision := {"allow": true, "grant": object.union(grant_base, {"act": act}), "approval": no_approval} if {
	count(violation) == 0
	count(pending) == 0
	act
}

decision := {"allow": true, "grant": grant_base, "approval": no_approval} if {
	count(violation) == 0
	count(pending) == 0
	not act
}
