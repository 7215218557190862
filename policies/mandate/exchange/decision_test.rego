package mandate.exchange_test

import data.mandate.exchange

# --- permit paths: the whole decision document ---------------------------------

test_impersonation_permit_decision if {
	d := decide(chat_input)
	d == {
		"allow": true,
		"grant": {
			"audience": "file-service",
			"scope": ["files:read"],
			"ttl_seconds": 1200,
			"token_type": access_token_type,
			"subject": "alice",
			"claims": {"tenant": "acme", "client_id": "chat-web"},
		},
		"approval": {"required": false, "scopes": [], "approvers": []},
	}
}

test_delegation_permit_decision if {
	d := decide(mcp_input)
	d == {
		"allow": true,
		"grant": {
			"audience": "file-service",
			"scope": ["files:read"],
			"ttl_seconds": 900,
			"token_type": access_token_type,
			"subject": "alice",
			"act": {"sub": "mcp-files", "act": {"sub": "chat-web"}},
			"claims": {"tenant": "acme", "client_id": "mcp-files"},
		},
		"approval": {"required": false, "scopes": [], "approvers": []},
	}
}

test_federated_delegation_permit_decision if {
	d := decide(payments_input)
	allowed(d)
	d.grant == {
		"audience": "billing",
		"scope": ["billing:read"],
		"ttl_seconds": 300,
		"token_type": access_token_type,
		"subject": "bob@globex.example",
		"act": {"sub": "payments-worker"},
		"claims": {"tenant": "globex", "client_id": "payments-worker"},
	}
}

test_staging_impersonation_permit if {
	d := decide(ci_input)
	allowed(d)
	d.grant.audience == "command-executor"
	d.grant.scope == ["exec:run"]
	d.grant.ttl_seconds == 600
	not d.grant.act
}

test_dpop_binds_the_issued_token if {
	d := decide(with_context(chat_input, {"dpop_jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"}))
	allowed(d)
	d.grant.claims == {
		"tenant": "acme",
		"client_id": "chat-web",
		"cnf": {"jkt": "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"},
	}
}

test_requested_jwt_token_type_is_issued if {
	d := decide(with_request(chat_input, {"requested_token_type": jwt_type}))
	allowed(d)
	d.grant.token_type == jwt_type
}

# --- the deny document ----------------------------------------------------------

test_reasons_are_sorted_by_code if {
	inp := with_request(chat_input, {"audience": ["billing"], "scope": ["files:read", "nope:nothing"]})
	d := decide(inp)
	codes := [r.code | some r in d.deny.reasons]
	codes == sort(codes)
	count(codes) > 2
}

test_error_follows_precedence if {
	# invalid_target (audience_not_allowed, cross_tenant, environment ok) and
	# invalid_scope reasons together: invalid_target wins.
	inp := with_request(chat_input, {"audience": ["billing"], "scope": ["files:read"]})
	d := decide(inp)
	d.deny.error == "invalid_target"
	"scope_not_allowed_for_audience" in reason_codes(d)
	"audience_not_allowed" in reason_codes(d)
}

test_invalid_request_wins_over_everything if {
	inp := with_request(object.union(chat_input, {"client": {"id": "ghost"}}), {"grant_type": "password"})
	d := decide(inp)
	d.deny.error == "invalid_request"
	"client_not_allowed" in reason_codes(d)
	"invalid_grant_type" in reason_codes(d)
}

test_unauthorized_client_wins_over_invalid_grant if {
	inp := object.union(with_subject_claims(mcp_input, {"exp": now - 5}), {"actor_token": actor_token("chat-web")})
	d := decide(inp)
	denied_with(d, "unauthorized_client", {"actor_not_allowed", "subject_token_expired"})
}

test_deny_error_precedence_table if {
	exchange.deny_error == "invalid_grant" with data.mandate.exchange.deny_reasons as {
		{"code": "scope_not_held", "message": "m"},
		{"code": "untrusted_issuer", "message": "m"},
		{"code": "cross_tenant", "message": "m"},
	}
	exchange.deny_error == "invalid_scope" with data.mandate.exchange.deny_reasons as {{"code": "unknown_scope", "message": "m"}}
}

test_unmapped_reason_code_is_invalid_request if {
	exchange.deny_error == "invalid_request" with data.mandate.exchange.deny_reasons as {{"code": "made_up", "message": "m"}}
}

test_every_error_in_the_table_is_ranked if {
	every error in exchange.error_by_code {
		error in exchange.error_precedence
	}
}

# --- failing closed -------------------------------------------------------------

test_incomplete_grant_is_denied if {
	# No violation, but the configuration names no default token type: the grant
	# cannot be built, so the decision denies.
	global := {"max_ttl_seconds": 3600, "max_chain_depth": 3, "issued_token_types": [access_token_type]}
	d := exchange.decision with input as chat_input with data.mandate.config.global as global
	denied_with(d, "invalid_request", {"evaluation_incomplete"})
	d.deny.reasons[0].message == "the grant could not be computed from the input"
}

test_default_decision_when_deny_cannot_be_built if {
	inp := with_request(chat_input, {"grant_type": "password"})
	d := exchange.decision with input as inp with data.mandate.exchange.error_precedence as []
	d == {
		"allow": false,
		"deny": {
			"error": "invalid_request",
			"reasons": [{"code": "evaluation_incomplete", "message": "the decision could not be computed"}],
		},
		"approval": {"required": false, "scopes": [], "approvers": []},
	}
}

test_no_input_at_all_is_denied if {
	d := decide({})
	d.allow == false
	d.deny.error == "invalid_request"
	"malformed_input" in reason_codes(d)
}

test_allow_and_deny_are_exclusive if {
	every inp in [chat_input, mcp_input, with_request(chat_input, {"scope": ["calendar:write"]})] {
		d := decide(inp)
		count({k | some k in ["grant", "deny"]; d[k]}) == 1
	}
}

test_allow_is_always_a_boolean if {
	exchange.allow == true with input as chat_input
	exchange.allow == false with input as with_request(chat_input, {"scope": ["calendar:write"]})
	exchange.allow == false with input as {}
}
