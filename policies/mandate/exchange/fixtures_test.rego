# Shared fixtures for the policy tests: readable base inputs that individual
# tests vary with object.union (which merges objects recursively and replaces
# arrays and scalars) or json.remove.
package mandate.exchange_test

# 2025-06-01T12:00:00Z
now := 1748779200

now_rfc3339 := "2025-06-01T12:00:00Z"

token_exchange := "urn:ietf:params:oauth:grant-type:token-exchange"

access_token_type := "urn:ietf:params:oauth:token-type:access_token"

id_token_type := "urn:ietf:params:oauth:token-type:id_token"

jwt_type := "urn:ietf:params:oauth:token-type:jwt"

acme_idp := "https://idp.acme.internal"

partner_idp := "https://login.partner.example"

mandate_sts := "https://sts.acme.internal"

prod_context := {"time": now_rfc3339, "source_ip": "10.1.2.3", "environment": "prod"}

# Alice, an Acme engineer, signed in to the chat app.
alice_claims := {
	"sub": "alice",
	"iss": acme_idp,
	"aud": "chat-web",
	"exp": now + 3600,
	"iat": now - 60,
	"scope": "files:read files:write files:delete calendar:read",
	"tenant": "acme",
	"env": "prod",
	"roles": ["engineer"],
}

# chat-web exchanges Alice's token for the file service, impersonating her.
chat_input := {
	"request": {
		"grant_type": token_exchange,
		"client_id": "chat-web",
		"audience": ["file-service"],
		"scope": ["files:read"],
	},
	"subject_token": {"type": access_token_type, "issuer": acme_idp, "claims": alice_claims},
	"client": {"id": "chat-web", "authentication_method": "private_key_jwt"},
	"context": prod_context,
}

# A workload's own token, used as actor token.
actor_token(sub) := {
	"type": access_token_type,
	"issuer": acme_idp,
	"claims": {
		"sub": sub,
		"iss": acme_idp,
		"aud": "https://sts.acme.internal",
		"exp": now + 1800,
		"iat": now - 10,
		"tenant": "acme",
		"env": "prod",
	},
}

# The token Mandate issued when chat-web delegated to the MCP server: Alice's,
# narrowed to the file scopes, with chat-web as actor.
alice_via_chat_claims := {
	"sub": "alice",
	"iss": mandate_sts,
	"aud": "mcp-files",
	"exp": now + 1000,
	"iat": now - 5,
	"scope": "files:read files:write",
	"tenant": "acme",
	"env": "prod",
	"client_id": "chat-web",
	"act": {"sub": "chat-web"},
}

# The MCP server exchanges that token, with its own actor token, for the file
# service: delegation, chain depth 2.
mcp_input := {
	"request": {
		"grant_type": token_exchange,
		"client_id": "mcp-files",
		"audience": ["file-service"],
		"scope": ["files:read"],
	},
	"subject_token": {"type": access_token_type, "issuer": mandate_sts, "claims": alice_via_chat_claims},
	"actor_token": actor_token("mcp-files"),
	"client": {"id": "mcp-files", "authentication_method": "private_key_jwt"},
	"context": prod_context,
}

# Bob, a Globex accountant, signed in through the federated partner login (no
# tenant claim: the issuer's default tenant applies). The payments worker acts
# for him towards billing.
bob_claims := {
	"sub": "bob@globex.example",
	"iss": partner_idp,
	"aud": "payments-portal",
	"exp": now + 3600,
	"iat": now - 60,
	"scp": ["billing:read", "billing:refund", "payments:execute"],
	"env": "prod",
}

payments_input := {
	"request": {
		"grant_type": token_exchange,
		"client_id": "payments-worker",
		"audience": ["billing"],
		"scope": ["billing:read"],
	},
	"subject_token": {"type": id_token_type, "issuer": partner_idp, "claims": bob_claims},
	"actor_token": actor_token("payments-worker"),
	"client": {"id": "payments-worker", "authentication_method": "tls_client_auth"},
	"context": prod_context,
}

# The CI runner in staging, impersonating the pipeline's service account.
ci_input := {
	"request": {
		"grant_type": token_exchange,
		"client_id": "ci-runner",
		"audience": ["command-executor"],
		"scope": ["exec:run"],
	},
	"subject_token": {
		"type": jwt_type,
		"issuer": acme_idp,
		"claims": {
			"sub": "svc:pipeline-42",
			"iss": acme_idp,
			"aud": "ci-runner",
			"exp": now + 700,
			"iat": now - 30,
			"scope": "exec:read exec:run",
			"tenant": "acme",
			"env": "staging",
		},
	},
	"client": {"id": "ci-runner", "authentication_method": "client_secret_basic"},
	"context": {"time": now_rfc3339, "environment": "staging"},
}

# --- helpers ------------------------------------------------------------------

# The decision for an input, with the shipped data.
decide(inp) := decision if {
	decision := data.mandate.exchange.decision with input as inp
}

# Variations of a base input.
with_request(base, patch) := object.union(base, {"request": patch})

with_subject_claims(base, patch) := object.union(base, {"subject_token": {"claims": patch}})

with_actor_claims(base, patch) := object.union(base, {"actor_token": {"claims": patch}})

with_context(base, patch) := object.union(base, {"context": patch})

reason_codes(decision) := {r.code | some r in decision.deny.reasons}

# A denial for exactly these reason codes, with this OAuth error.
denied_with(decision, error, codes) if {
	decision.allow == false
	not decision.grant
	decision.deny.error == error
	reason_codes(decision) == codes
}

allowed(decision) if {
	decision.allow == true
	not decision.deny
	decision.approval.required == false
}
