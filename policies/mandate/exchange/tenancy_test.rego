package mandate.exchange_test

import data.mandate.exchange

# Support staff (Acme) asking the support agent to read a Globex invoice: a
# cross-tenant request covered by the acme-support-reads-globex-billing grant.
support_input := {
	"request": {
		"grant_type": token_exchange,
		"client_id": "support-agent",
		"audience": ["billing"],
		"scope": ["billing:read"],
	},
	"subject_token": {
		"type": access_token_type,
		"issuer": acme_idp,
		"claims": {
			"sub": "carol",
			"iss": acme_idp,
			"aud": "support-console",
			"exp": now + 3600,
			"iat": now - 120,
			"scope": "billing:read billing:refund calendar:read",
			"tenant": "acme",
			"env": "prod",
			"roles": ["support"],
		},
	},
	"actor_token": actor_token("support-agent"),
	"client": {"id": "support-agent", "authentication_method": "private_key_jwt"},
	"context": prod_context,
}

test_subject_tenant_from_claim if {
	exchange.subject_tenant == "acme" with input as chat_input
}

test_subject_tenant_from_issuer_default if {
	exchange.subject_tenant == "globex" with input as payments_input
}

test_same_tenant_is_not_cross_tenant if {
	not exchange.cross_tenant_request with input as chat_input
	not exchange.cross_tenant_request with input as payments_input
}

test_cross_tenant_grant_permits if {
	d := decide(support_input)
	allowed(d)
	d.grant.audience == "billing"
	d.grant.scope == ["billing:read"]
	d.grant.claims.tenant == "acme"
	d.grant.act == {"sub": "support-agent"}
	exchange.cross_tenant_request with input as support_input
}

test_cross_tenant_without_grant if {
	d := decide(support_input) with data.mandate.config.cross_tenant_grants as []
	denied_with(d, "invalid_target", {"cross_tenant"})
}

test_cross_tenant_grant_must_name_the_client if {
	grants := [object.union(data.mandate.config.cross_tenant_grants[0], {"client": "chat-web"})]
	d := decide(support_input) with data.mandate.config.cross_tenant_grants as grants
	denied_with(d, "invalid_target", {"cross_tenant"})
}

test_cross_tenant_grant_must_name_the_audience if {
	grants := [object.union(data.mandate.config.cross_tenant_grants[0], {"audience": "risk-engine"})]
	d := decide(support_input) with data.mandate.config.cross_tenant_grants as grants
	denied_with(d, "invalid_target", {"cross_tenant"})
}

test_cross_tenant_grant_must_name_the_subject_tenant if {
	grants := [object.union(data.mandate.config.cross_tenant_grants[0], {"subject_tenant": "globex"})]
	d := decide(support_input) with data.mandate.config.cross_tenant_grants as grants
	denied_with(d, "invalid_target", {"cross_tenant"})
}

test_subject_from_another_tenant_than_the_client if {
	# A Globex user's token (via Mandate's issuer) used by Acme's chat app
	# towards an Acme audience.
	inp := object.union(chat_input, {"subject_token": {"issuer": mandate_sts, "claims": {"tenant": "globex"}}})
	d := decide(inp)
	denied_with(d, "invalid_target", {"cross_tenant"})
}

test_unknown_tenant_claim if {
	d := decide(with_subject_claims(chat_input, {"tenant": "initech"}))
	denied_with(d, "invalid_grant", {"unknown_tenant", "issuer_tenant_not_allowed", "cross_tenant"})
}

test_missing_tenant_without_issuer_default if {
	d := decide(json.remove(chat_input, ["subject_token/claims/tenant"]))
	denied_with(d, "invalid_grant", {"unknown_tenant"})
}

test_audience_without_tenant_in_data_is_cross_tenant if {
	audiences := json.remove(data.mandate.config.audiences, ["file-service/tenant"])
	d := decide(chat_input) with data.mandate.config.audiences as audiences
	denied_with(d, "invalid_target", {"cross_tenant"})
}
